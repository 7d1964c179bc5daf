/**
 * `seccompProfile_restricted` (restricted, v1.19+, when the field appeared): every
 * container must run under a seccomp filter (`RuntimeDefault` or `Localhost`), set
 * on the pod or on the container; leaving it unset means no filter on most
 * runtimes. It replaces `seccompProfile_baseline` at this level.
 *
 * v1.25 exempts pods with `spec.os.name: windows`, which have no seccomp.
 */
import { containersPhrase, joinQuote, sortedUnique } from '../messages.js';
import { seccompType, validSeccompType } from './seccomp-profile-shared.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

function seccompProfileRestrictedV1Dot19(pod: PodView): CheckFinding | undefined {
  const badSetters: string[] = [];
  const badTypes: string[] = [];
  const explicitPaths: FieldPath[] = [];
  let podFiltered = false;
  const podType = seccompType(pod.securityContext);
  if (podType !== undefined) {
    if (validSeccompType(podType)) podFiltered = true;
    else {
      badSetters.push('pod');
      badTypes.push(podType);
      explicitPaths.push(['securityContext', 'seccompProfile', 'type']);
    }
  }

  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitPaths: FieldPath[] = [];
  for (const c of pod.containers()) {
    const type = seccompType(c.securityContext);
    if (type !== undefined) {
      if (!validSeccompType(type)) {
        explicitlyBad.push(c.name);
        badTypes.push(type);
        explicitPaths.push([...c.path, 'securityContext', 'seccompProfile', 'type']);
      }
    } else if (!podFiltered) {
      implicitlyBad.push(c.name);
      implicitPaths.push(c.path);
    }
  }
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));

  if (badSetters.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badTypes))}`,
      paths: explicitPaths,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      paths: implicitPaths,
    };
  }
  return undefined;
}

function seccompProfileRestrictedV1Dot25(pod: PodView): CheckFinding | undefined {
  return pod.isWindows() ? undefined : seccompProfileRestrictedV1Dot19(pod);
}

/** The `seccompProfile_restricted` check. */
export const seccompProfileRestricted: PodSecurityCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'Seccomp profile required',
  versions: [
    { since: 19, check: seccompProfileRestrictedV1Dot19, supersedes: ['seccompProfile_baseline'] },
    { since: 25, check: seccompProfileRestrictedV1Dot25, supersedes: ['seccompProfile_baseline'] },
  ],
};
