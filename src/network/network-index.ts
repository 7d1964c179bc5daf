/**
 * Lookup tables built once per input: policies by namespace, pods by namespace and
 * every namespace's labels (declared ones plus `kubernetes.io/metadata.name`).
 * Queries only ever look at the policies of one namespace.
 */
import { matchesSelector } from './label-selector.js';
import { NAMESPACE_NAME_LABEL, type NetPolicy, type NetworkInput, type PodInfo } from './types.js';

export interface NetworkIndex {
  input: NetworkInput;
  policiesByNamespace: Map<string, NetPolicy[]>;
  podsByNamespace: Map<string, PodInfo[]>;
  /** Namespaces of the scanned set: declared by a Namespace object or holding a pod. */
  namespaces: Map<string, Record<string, string>>;
}

const cache = new WeakMap<NetworkInput, NetworkIndex>();

/** Indexes an input; the same input object always yields the same index. */
export function indexNetwork(input: NetworkInput): NetworkIndex {
  const hit = cache.get(input);
  if (hit) return hit;
  const policiesByNamespace = new Map<string, NetPolicy[]>();
  for (const p of input.policies) push(policiesByNamespace, p.namespace, p);
  const podsByNamespace = new Map<string, PodInfo[]>();
  for (const pod of input.pods) push(podsByNamespace, pod.namespace, pod);
  const namespaces = new Map<string, Record<string, string>>();
  for (const ns of input.namespaces) namespaces.set(ns.name, { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name });
  for (const ns of podsByNamespace.keys()) if (!namespaces.has(ns)) namespaces.set(ns, { [NAMESPACE_NAME_LABEL]: ns });
  const index = { input, policiesByNamespace, podsByNamespace, namespaces };
  cache.set(input, index);
  return index;
}

/** Labels of a namespace; one outside the scanned set has only its automatic name label. */
export function namespaceLabels(index: NetworkIndex, name: string): Record<string, string> {
  return index.namespaces.get(name) ?? { [NAMESPACE_NAME_LABEL]: name };
}

/** Policies of the pod's namespace whose `podSelector` selects it. */
export function policiesSelecting(index: NetworkIndex, pod: PodInfo): NetPolicy[] {
  return (index.policiesByNamespace.get(pod.namespace) ?? []).filter((p) => matchesSelector(p.podSelector, pod.labels));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
