/**
 * Builds the analysis input from a scan: NetworkPolicies (networking.k8s.io only;
 * Calico's and Cilium's own kinds mean other things), Namespace objects, and the
 * pod templates of Kubernetes workloads with their labels and container ports.
 */
import type { ScanModel } from '../model/scan-model.js';
import type { Workload } from '../model/workload.js';
import { isProtocol } from './evaluate.js';
import { parseNetworkPolicy } from './parse-policy.js';
import type { NamespaceInfo, NetworkInput, PodInfo, PodPort } from './types.js';

/** Namespace of objects that name none, as `kubectl apply` without `-n` does. */
export const DEFAULT_NAMESPACE = 'default';

const cache = new WeakMap<ScanModel, { size: string; input: NetworkInput }>();

/**
 * The network view of a scan; cached per model while it does not grow.
 *
 * @example
 * const input = fromScanModel(model);
 * input.pods.map((p) => p.name);
 */
export function fromScanModel(model: ScanModel): NetworkInput {
  const size = `${model.kubeObjects.length}/${model.workloads.length}`;
  const hit = cache.get(model);
  if (hit && hit.size === size) return hit.input;
  const policies = model.kubeObjects
    .filter((o) => o.kind === 'NetworkPolicy' && o.apiVersion.startsWith('networking.k8s.io/'))
    .map((o) => parseNetworkPolicy(o.value, o, DEFAULT_NAMESPACE));
  const namespaces: NamespaceInfo[] = model.kubeObjects
    .filter((o) => o.kind === 'Namespace' && o.name)
    .map((o) => ({ name: o.name!, labels: { ...o.labels }, source: o }));
  const pods = model.workloads.filter((w) => w.input === 'K8S').map(podOf);
  const input = { policies, namespaces, pods };
  cache.set(model, { size, input });
  return input;
}

/** The pod a workload's template makes. */
export function podOf(w: Workload): PodInfo {
  const templateLabels = w.pod?.metadata['labels'];
  const labels = isRecord(templateLabels)
    ? Object.fromEntries(Object.entries(templateLabels).map(([k, v]) => [k, String(v)]))
    : { ...w.labels };
  return { namespace: w.namespace || DEFAULT_NAMESPACE, name: w.name ?? '', labels, ports: portsOf(w), workload: w };
}

function portsOf(w: Workload): PodPort[] {
  const spec = w.pod?.spec;
  if (!spec) {
    return w.containers.flatMap((c) => c.ports.flatMap((p) => (p.containerPort ? [{ port: p.containerPort.value, protocol: protocolOf(p.protocol) }] : [])));
  }
  const out: PodPort[] = [];
  // Sidecars are init containers and may serve ports; listing them is harmless otherwise.
  for (const key of ['containers', 'initContainers']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isRecord(c) || !Array.isArray(c['ports'])) continue;
      for (const p of c['ports']) {
        if (!isRecord(p) || typeof p['containerPort'] !== 'number') continue;
        const port: PodPort = { port: p['containerPort'], protocol: protocolOf(p['protocol']) };
        if (typeof p['name'] === 'string') port.name = p['name'];
        out.push(port);
      }
    }
  }
  return out;
}

function protocolOf(p: unknown): PodPort['protocol'] {
  return typeof p === 'string' && isProtocol(p) ? p : 'TCP';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
