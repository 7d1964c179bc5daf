/**
 * `seccompProfile_baseline` (baseline): a pod may leave seccomp to the runtime or
 * choose a filter, never switch it off explicitly.
 *
 * v1.0–v1.18 judge the alpha annotations (`seccomp.security.alpha.kubernetes.io/pod`,
 * `container.seccomp.security.alpha.kubernetes.io/<name>`), which is how those
 * releases set seccomp; v1.19, where `securityContext.seccompProfile` arrived,
 * judges the field instead.
 */
import { containersPhrase, goQuote, joinQuote, pluralize, sortedUnique } from '../messages.js';
import { seccompType, validSeccompType } from './seccomp-profile-shared.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function validAnnotationValue(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

function seccompProfileBaselineV1Dot0(pod: PodView): CheckFinding | undefined {
  const forbidden = new Map<string, FieldPath>();
  const judge = (key: string): void => {
    const value = pod.annotation(key);
    if (value !== undefined && !validAnnotationValue(value)) forbidden.set(`${key}=${goQuote(value)}`, ['metadata', 'annotations', key]);
  };
  judge(POD_ANNOTATION);
  // Only annotations naming a container of this pod matter to the runtime.
  for (const c of pod.containers()) judge(CONTAINER_ANNOTATION_PREFIX + c.name);
  if (forbidden.size === 0) return undefined;
  const entries = sortedUnique(forbidden.keys());
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', entries.length)} ${entries.join(', ')}`,
    paths: entries.map((entry) => forbidden.get(entry)!),
  };
}

function seccompProfileBaselineV1Dot19(pod: PodView): CheckFinding | undefined {
  const setters: string[] = [];
  const badTypes: string[] = [];
  const paths: FieldPath[] = [];
  const podType = seccompType(pod.securityContext);
  if (podType !== undefined && !validSeccompType(podType)) {
    setters.push('pod');
    badTypes.push(podType);
    paths.push(['securityContext', 'seccompProfile', 'type']);
  }
  const badContainers: string[] = [];
  for (const c of pod.containers()) {
    const type = seccompType(c.securityContext);
    if (type === undefined || validSeccompType(type)) continue;
    badContainers.push(c.name);
    badTypes.push(type);
    paths.push([...c.path, 'securityContext', 'seccompProfile', 'type']);
  }
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  if (setters.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badTypes))}`,
    paths,
  };
}

/** The `seccompProfile_baseline` check. */
export const seccompProfileBaseline: PodSecurityCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp not disabled',
  versions: [
    { since: 0, check: seccompProfileBaselineV1Dot0 },
    { since: 19, check: seccompProfileBaselineV1Dot19 },
  ],
};
