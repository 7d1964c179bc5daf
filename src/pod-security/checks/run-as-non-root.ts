/**
 * `runAsNonRoot` (restricted, v1.0+): every container must be declared to run as
 * a non-root user, on the pod or on the container (the container's value wins), so
 * the kubelet refuses to start an image that would run as UID 0.
 *
 * v1.35 skips pods with `hostUsers: false`: in a user namespace, UID 0 in the
 * container maps to an unprivileged UID on the node. Before v1.35 that relaxation
 * sat behind an alpha feature gate, off by default, so older versions judge such
 * pods like any other, as a default cluster did.
 */
import { containersPhrase } from '../messages.js';
import { isSet } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

function runAsNonRootV1Dot0(pod: PodView): CheckFinding | undefined {
  const badSetters: string[] = [];
  const explicitPaths: FieldPath[] = [];
  const podValue = pod.securityContext?.['runAsNonRoot'];
  const podNonRoot = podValue === true;
  if (isSet(podValue) && !podNonRoot) {
    badSetters.push('pod');
    explicitPaths.push(['securityContext', 'runAsNonRoot']);
  }

  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitPaths: FieldPath[] = [];
  for (const c of pod.containers()) {
    const value = c.securityContext?.['runAsNonRoot'];
    if (isSet(value)) {
      if (value !== true) {
        explicitlyBad.push(c.name);
        explicitPaths.push([...c.path, 'securityContext', 'runAsNonRoot']);
      }
    } else if (!podNonRoot) {
      implicitlyBad.push(c.name);
      implicitPaths.push(c.path);
    }
  }
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));

  // An explicit false is the stronger statement, so upstream reports it alone.
  if (badSetters.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      paths: explicitPaths,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
      paths: implicitPaths,
    };
  }
  return undefined;
}

function runAsNonRootV1Dot35(pod: PodView): CheckFinding | undefined {
  return pod.inUserNamespace() ? undefined : runAsNonRootV1Dot0(pod);
}

/** The `runAsNonRoot` check. */
export const runAsNonRoot: PodSecurityCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'Running as non-root',
  versions: [
    { since: 0, check: runAsNonRootV1Dot0 },
    { since: 35, check: runAsNonRootV1Dot35 },
  ],
};
