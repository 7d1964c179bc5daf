/**
 * `privileged` (baseline, v1.0+): a privileged container switches off nearly every
 * isolation mechanism and sees the host's devices.
 */
import { containersPhrase } from '../messages.js';
import type { PodSecurityCheck, CheckFinding } from '../types.js';
import type { PodView } from '../pod-view.js';

function privilegedV1Dot0(pod: PodView): CheckFinding | undefined {
  const bad = pod.containers().filter((c) => c.securityContext?.['privileged'] === true);
  if (bad.length === 0) return undefined;
  return {
    reason: 'privileged',
    detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
    paths: bad.map((c) => [...c.path, 'securityContext', 'privileged']),
  };
}

/** The `privileged` check. */
export const privileged: PodSecurityCheck = {
  id: 'privileged',
  level: 'baseline',
  title: 'Privileged containers',
  versions: [{ since: 0, check: privilegedV1Dot0 }],
};
