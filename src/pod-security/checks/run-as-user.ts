/**
 * `runAsUser` (restricted, v1.23+): no pod or container may ask for UID 0
 * explicitly; `runAsNonRoot` alone cannot catch it when the image's user is
 * not root but `runAsUser: 0` overrides it.
 *
 * v1.35 skips pods with `hostUsers: false`, whose UID 0 is not root on the node
 * (see run-as-non-root.ts for why older versions do not).
 */
import { containersPhrase } from '../messages.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

function runAsUserV1Dot23(pod: PodView): CheckFinding | undefined {
  const badSetters: string[] = [];
  const paths: FieldPath[] = [];
  if (pod.securityContext?.['runAsUser'] === 0) {
    badSetters.push('pod');
    paths.push(['securityContext', 'runAsUser']);
  }
  const bad = pod.containers().filter((c) => c.securityContext?.['runAsUser'] === 0);
  if (bad.length > 0) {
    badSetters.push(containersPhrase(bad.map((c) => c.name)));
    for (const c of bad) paths.push([...c.path, 'securityContext', 'runAsUser']);
  }
  if (badSetters.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${badSetters.join(' and ')} must not set runAsUser=0`, paths };
}

function runAsUserV1Dot35(pod: PodView): CheckFinding | undefined {
  return pod.inUserNamespace() ? undefined : runAsUserV1Dot23(pod);
}

/** The `runAsUser` check. */
export const runAsUser: PodSecurityCheck = {
  id: 'runAsUser',
  level: 'restricted',
  title: 'Running as UID 0',
  versions: [
    { since: 23, check: runAsUserV1Dot23 },
    { since: 35, check: runAsUserV1Dot35 },
  ],
};
