/**
 * `appArmorProfile` (baseline, v1.0+): the runtime's default AppArmor profile may be
 * kept or replaced by a profile loaded on the node, never switched off.
 *
 * Two ways to say it, both judged at every version: the beta annotations
 * `container.apparmor.security.beta.kubernetes.io/<container>` and, since the field
 * went GA, `securityContext.appArmorProfile.type` on the pod and on containers.
 * Upstream changed its v1.0 implementation in place to read the field too, because
 * the kubelet treats the two forms alike.
 */
import { containersPhrase, goQuote, joinQuote, pluralize, sortedUnique } from '../messages.js';
import { asObject, asString } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { JsonObject, PodView } from '../pod-view.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/** The `type` of a set `appArmorProfile`, or undefined when the profile is not set. */
function profileType(securityContext: JsonObject | undefined): string | undefined {
  const profile = asObject(securityContext?.['appArmorProfile']);
  if (!profile) return undefined;
  return asString(profile['type']) ?? '';
}

function allowedProfileType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function appArmorProfileV1Dot0(pod: PodView): CheckFinding | undefined {
  const setters: string[] = [];
  const badTypes: string[] = [];
  const paths: FieldPath[] = [];

  const podType = profileType(pod.securityContext);
  if (podType !== undefined && !allowedProfileType(podType)) {
    setters.push('pod');
    badTypes.push(podType);
    paths.push(['securityContext', 'appArmorProfile', 'type']);
  }
  const badContainers: string[] = [];
  for (const c of pod.containers()) {
    const type = profileType(c.securityContext);
    if (type === undefined || allowedProfileType(type)) continue;
    badContainers.push(c.name);
    badTypes.push(type);
    paths.push([...c.path, 'securityContext', 'appArmorProfile', 'type']);
  }
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));

  // Any annotation with the prefix counts, even for a container the pod does not have.
  const badAnnotations: string[] = [];
  for (const [key, value] of pod.annotations()) {
    if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotationValue(value)) continue;
    badAnnotations.push(`${key}=${goQuote(value)}`);
    paths.push(['metadata', 'annotations', key]);
  }
  badAnnotations.sort();
  if (badAnnotations.length > 0) setters.push(pluralize('annotation', 'annotations', badAnnotations.length));

  if (setters.length === 0) return undefined;
  const badValues = [...sortedUnique(badTypes), ...badAnnotations];
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', badValues.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(badValues)}`,
    paths,
  };
}

/** The `appArmorProfile` check. */
export const appArmorProfile: PodSecurityCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  title: 'AppArmor profile',
  versions: [{ since: 0, check: appArmorProfileV1Dot0 }],
};
