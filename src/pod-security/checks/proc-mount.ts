/**
 * `procMount` (baseline): containers keep the default /proc masks.
 *
 * Since v1.35 a pod in its own user namespace (`hostUsers: false`) may unmask /proc:
 * root inside it is not root on the node, so the masks no longer guard the host.
 * Before v1.35 that relaxation sat behind an alpha feature gate that was off by
 * default, so older versions deny it, as a default cluster did.
 */
import { requireDefaultProcMount } from './proc-mount-shared.js';
import type { PodSecurityCheck, CheckFinding } from '../types.js';
import type { PodView } from '../pod-view.js';

function procMountV1Dot35(pod: PodView): CheckFinding | undefined {
  if (pod.inUserNamespace()) return undefined;
  return requireDefaultProcMount(pod);
}

/** The `procMount` check. */
export const procMount: PodSecurityCheck = {
  id: 'procMount',
  level: 'baseline',
  title: '/proc mount type',
  versions: [
    { since: 0, check: requireDefaultProcMount },
    { since: 35, check: procMountV1Dot35 },
  ],
};
