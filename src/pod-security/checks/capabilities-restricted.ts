/**
 * `capabilities_restricted` (restricted, v1.22+): every container must drop ALL
 * capabilities and may add back only NET_BIND_SERVICE, so root in the container
 * holds no kernel privileges beyond binding low ports. It replaces
 * `capabilities_baseline` at this level.
 *
 * v1.25 exempts pods with `spec.os.name: windows`, which have no capabilities.
 */
import { containersPhrase, joinQuote, sortedUnique } from '../messages.js';
import { asList, asObject } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

function capabilitiesRestrictedV1Dot22(pod: PodView): CheckFinding | undefined {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of pod.containers()) {
    const capabilities = asObject(c.securityContext?.['capabilities']);
    const drop = capabilities?.['drop'];
    if (!asList(drop).includes('ALL')) {
      missingDropAll.push(c.name);
      paths.push(Array.isArray(drop) ? [...c.path, 'securityContext', 'capabilities', 'drop'] : c.path);
    }
    let addedForbidden = false;
    asList(capabilities?.['add']).forEach((capability, index) => {
      if (capability === 'NET_BIND_SERVICE') return;
      addedForbidden = true;
      forbidden.push(String(capability));
      paths.push([...c.path, 'securityContext', 'capabilities', 'add', index]);
    });
    if (addedForbidden) addingForbidden.push(c.name);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length > 0) {
    details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedUnique(forbidden))} in securityContext.capabilities.add`);
  }
  if (details.length === 0) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), paths };
}

function capabilitiesRestrictedV1Dot25(pod: PodView): CheckFinding | undefined {
  return pod.isWindows() ? undefined : capabilitiesRestrictedV1Dot22(pod);
}

/** The `capabilities_restricted` check. */
export const capabilitiesRestricted: PodSecurityCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'Capabilities dropped',
  versions: [
    { since: 22, check: capabilitiesRestrictedV1Dot22, supersedes: ['capabilities_baseline'] },
    { since: 25, check: capabilitiesRestrictedV1Dot25, supersedes: ['capabilities_baseline'] },
  ],
};
