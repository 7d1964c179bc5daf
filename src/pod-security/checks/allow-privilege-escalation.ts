/**
 * `allowPrivilegeEscalation` (restricted, v1.8+, when the field appeared): every
 * container must set `allowPrivilegeEscalation: false`, so setuid binaries and file
 * capabilities cannot raise a process's privileges (no_new_privs). Absent counts
 * as allowed, because that is the runtime's default.
 *
 * v1.25 exempts pods with `spec.os.name: windows`: the field means nothing there
 * and API validation forbids it on such pods.
 */
import { containersPhrase } from '../messages.js';
import { isSet } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

function allowPrivilegeEscalationV1Dot8(pod: PodView): CheckFinding | undefined {
  const bad: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of pod.containers()) {
    const value = c.securityContext?.['allowPrivilegeEscalation'];
    if (value === false) continue;
    bad.push(c.name);
    paths.push(isSet(value) ? [...c.path, 'securityContext', 'allowPrivilegeEscalation'] : c.path);
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    paths,
  };
}

function allowPrivilegeEscalationV1Dot25(pod: PodView): CheckFinding | undefined {
  return pod.isWindows() ? undefined : allowPrivilegeEscalationV1Dot8(pod);
}

/** The `allowPrivilegeEscalation` check. */
export const allowPrivilegeEscalation: PodSecurityCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Privilege escalation',
  versions: [
    { since: 8, check: allowPrivilegeEscalationV1Dot8 },
    { since: 25, check: allowPrivilegeEscalationV1Dot25 },
  ],
};
