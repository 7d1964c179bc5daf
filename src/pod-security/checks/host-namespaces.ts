/**
 * `hostNamespaces` (baseline, v1.0+): sharing the host's network, PID or IPC
 * namespace removes the isolation between the pod and the node.
 */
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

function hostNamespacesV1Dot0(pod: PodView): CheckFinding | undefined {
  const on = HOST_NAMESPACE_FIELDS.filter((field) => pod.spec[field] === true);
  if (on.length === 0) return undefined;
  const paths: FieldPath[] = on.map((field) => [field]);
  // Upstream lists them in this fixed order, each as `field=true`.
  return { reason: 'host namespaces', detail: on.map((field) => `${field}=true`).join(', '), paths };
}

/** The `hostNamespaces` check. */
export const hostNamespaces: PodSecurityCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  title: 'Host namespaces',
  versions: [{ since: 0, check: hostNamespacesV1Dot0 }],
};
