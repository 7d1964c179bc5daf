/**
 * `windowsHostProcess` (baseline, v1.0+): a Windows HostProcess container runs
 * directly on the node, with the node's privileges.
 */
import { containersPhrase } from '../messages.js';
import { asObject } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { JsonObject, PodView } from '../pod-view.js';

function hostProcessOn(securityContext: JsonObject | undefined): boolean {
  return asObject(securityContext?.['windowsOptions'])?.['hostProcess'] === true;
}

function windowsHostProcessV1Dot0(pod: PodView): CheckFinding | undefined {
  const setters: string[] = [];
  const paths: FieldPath[] = [];
  if (hostProcessOn(pod.securityContext)) {
    setters.push('pod');
    paths.push(['securityContext', 'windowsOptions', 'hostProcess']);
  }
  const bad = pod.containers().filter((c) => hostProcessOn(c.securityContext));
  if (bad.length > 0) {
    setters.push(containersPhrase(bad.map((c) => c.name)));
    for (const c of bad) paths.push([...c.path, 'securityContext', 'windowsOptions', 'hostProcess']);
  }
  if (setters.length === 0) return undefined;
  return {
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    paths,
  };
}

/** The `windowsHostProcess` check. */
export const windowsHostProcess: PodSecurityCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  title: 'Windows HostProcess containers',
  versions: [{ since: 0, check: windowsHostProcessV1Dot0 }],
};
