/**
 * The fix helper behind `seaworthy netpol --suggest`: NetworkPolicies that close
 * the gaps. Per namespace without one, a default deny for ingress and egress that
 * keeps DNS to kube-system; per workload, the narrowest allow rules that its
 * Services and ports imply.
 *
 * What "imply" means here: a Service selecting a workload opens its target ports,
 * to the workloads whose environment names the Service (`db`, `db.shop`,
 * `http://db.shop.svc:5432`), or, when none does, to the Service's own namespace;
 * NodePort and LoadBalancer Services also open them to every address. A workload
 * naming a Service in its environment gets egress to the pods behind it.
 */
import { dump } from 'js-yaml';
import type { KubeObject } from '../model/kube-object.js';
import type { ScanModel } from '../model/scan-model.js';
import { fromScanModel, DEFAULT_NAMESPACE } from './from-scan-model.js';
import { isEmptySelector, matchesSelector } from './label-selector.js';
import { namespaceDefaultDeny } from './policy-checks.js';
import { NAMESPACE_NAME_LABEL, type PodInfo } from './types.js';

/** A suggested manifest and why it is suggested. */
export interface Suggestion {
  reason: string;
  manifest: Record<string, unknown>;
}

interface ServiceInfo {
  name: string;
  namespace: string;
  type: string;
  selector: Record<string, string>;
  ports: { port: number | string; protocol: string }[];
}

const DNS_PEER = {
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

/**
 * Suggests policies for a scan.
 *
 * @example
 * suggestPolicies(model).map((s) => s.manifest.metadata);
 */
export function suggestPolicies(model: ScanModel): Suggestion[] {
  const input = fromScanModel(model);
  const services = model.kubeObjects.filter((o) => o.kind === 'Service').map(serviceOf).filter((s): s is ServiceInfo => s !== undefined);
  const out: Suggestion[] = [];
  const namespaces = [...new Set(input.pods.map((p) => p.namespace))];
  for (const ns of namespaces) {
    const policies = input.policies.filter((p) => p.namespace === ns);
    const deny = namespaceDefaultDeny(policies);
    if (deny.ingress && deny.egress) continue;
    const name = policies.some((p) => p.name === 'default-deny') ? 'seaworthy-default-deny' : 'default-deny';
    out.push({
      reason: `namespace ${ns} has no default deny; DNS to kube-system stays allowed`,
      manifest: policy(name, ns, {}, {
        policyTypes: ['Ingress', 'Egress'],
        egress: [{ to: [DNS_PEER], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
      }),
    });
  }
  for (const pod of input.pods) {
    if (Object.keys(pod.labels).length === 0) continue;
    const own = input.policies.filter((p) => p.namespace === pod.namespace && !isEmptySelector(p.podSelector) && matchesSelector(p.podSelector, pod.labels));
    const ingress = own.some((p) => p.ingressType) ? undefined : ingressFor(pod, input.pods, services);
    if (ingress) out.push(ingress);
    const egress = own.some((p) => p.egressType) ? undefined : egressFor(pod, services);
    if (egress) out.push(egress);
  }
  return out;
}

/** The suggestions as one YAML stream, each document preceded by its reason. */
export function renderSuggestions(model: ScanModel): string {
  const docs = suggestPolicies(model).map((s) => `# ${s.reason}\n${dump(s.manifest, { noRefs: true, lineWidth: -1 })}`);
  return docs.length ? docs.join('---\n') : '# Nothing to suggest: every namespace denies by default and every workload is selected.\n';
}

function ingressFor(pod: PodInfo, pods: readonly PodInfo[], services: readonly ServiceInfo[]): Suggestion | undefined {
  const mine = services.filter((s) => s.namespace === pod.namespace && matchesSelector({ matchLabels: s.selector }, pod.labels));
  if (mine.length === 0) return undefined;
  const rules: Record<string, unknown>[] = [];
  const why: string[] = [];
  for (const svc of mine) {
    const callers = pods.filter((c) => c !== pod && envValues(c).some((v) => namesService(v, svc, c.namespace)));
    const from: Record<string, unknown>[] = callers.map((c) => peerFor(c.labels, c.namespace, pod.namespace));
    if (from.length === 0) from.push({ podSelector: {} });
    const exposed = svc.type === 'NodePort' || svc.type === 'LoadBalancer';
    if (exposed) from.push({ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } });
    rules.push({ from: dedupe(from), ports: svc.ports.map((p) => ({ protocol: p.protocol, port: p.port })) });
    const inCluster = callers.length ? `from ${callers.map((c) => c.name).join(', ')}` : 'from its namespace (no caller names it in the scan)';
    why.push(`Service ${svc.name} (${svc.type}) ${inCluster}${exposed ? ' and from every address' : ''}`);
  }
  return { reason: `${pod.name}: ingress ${why.join('; ')}`, manifest: policy(`${pod.name}-ingress`, pod.namespace, pod.labels, { policyTypes: ['Ingress'], ingress: rules }) };
}

function egressFor(pod: PodInfo, services: readonly ServiceInfo[]): Suggestion | undefined {
  const values = envValues(pod);
  const used = services.filter((s) => values.some((v) => namesService(v, s, pod.namespace)));
  if (used.length === 0) return undefined;
  const rules = used.map((svc) => ({ to: [peerFor(svc.selector, svc.namespace, pod.namespace)], ports: svc.ports.map((p) => ({ protocol: p.protocol, port: p.port })) }));
  return {
    reason: `${pod.name}: egress to Service${used.length === 1 ? '' : 's'} ${used.map((s) => `${s.namespace}/${s.name}`).join(', ')} named in its environment`,
    manifest: policy(`${pod.name}-egress`, pod.namespace, pod.labels, { policyTypes: ['Egress'], egress: rules }),
  };
}

function policy(name: string, namespace: string, labels: Record<string, string>, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: { podSelector: Object.keys(labels).length ? { matchLabels: labels } : {}, ...spec },
  };
}

function peerFor(labels: Record<string, string>, peerNamespace: string, policyNamespace: string): Record<string, unknown> {
  const podSelector = Object.keys(labels).length ? { matchLabels: labels } : {};
  if (peerNamespace === policyNamespace) return { podSelector };
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: peerNamespace } }, podSelector };
}

function dedupe(peers: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  return peers.filter((p) => { const k = JSON.stringify(p); if (seen.has(k)) return false; seen.add(k); return true; });
}

function serviceOf(o: KubeObject): ServiceInfo | undefined {
  const spec = o.value['spec'];
  if (!o.name || typeof spec !== 'object' || spec === null) return undefined;
  const s = spec as Record<string, unknown>;
  const selector = s['selector'];
  // A Service without a selector fronts Endpoints someone manages by hand: no pods to open.
  if (typeof selector !== 'object' || selector === null || Object.keys(selector).length === 0) return undefined;
  const ports = (Array.isArray(s['ports']) ? s['ports'] : []).flatMap((p: unknown) => {
    if (typeof p !== 'object' || p === null) return [];
    const r = p as Record<string, unknown>;
    const target = r['targetPort'] ?? r['port'];
    if (typeof target !== 'number' && typeof target !== 'string') return [];
    return [{ port: typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : target, protocol: typeof r['protocol'] === 'string' ? r['protocol'] : 'TCP' }];
  });
  if (ports.length === 0) return undefined;
  return {
    name: o.name,
    namespace: o.namespace ?? DEFAULT_NAMESPACE,
    type: typeof s['type'] === 'string' ? s['type'] : 'ClusterIP',
    selector: Object.fromEntries(Object.entries(selector).map(([k, v]) => [k, String(v)])),
    ports,
  };
}

/** Literal environment values of every container of the pod. */
function envValues(pod: PodInfo): string[] {
  const spec = pod.workload?.pod?.spec;
  if (!spec) return pod.workload?.containers.flatMap((c) => c.env.flatMap((e) => (e.value ? [e.value.value] : []))) ?? [];
  const out: string[] = [];
  for (const key of ['containers', 'initContainers']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const env = (c as Record<string, unknown>)?.['env'];
      if (!Array.isArray(env)) continue;
      for (const e of env) if (typeof (e as Record<string, unknown>)?.['value'] === 'string') out.push((e as Record<string, string>)['value']!);
    }
  }
  return out;
}

/** True when a value names the Service as a host, from a pod in `fromNamespace`. */
export function namesService(value: string, svc: { name: string; namespace: string }, fromNamespace: string): boolean {
  const e = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A host starts the value, follows `//` or `@`, or follows a separator that is not a path slash.
  const re = new RegExp(`(?:^|(?<=//)|(?<=[^a-z0-9./-]))${e(svc.name)}(\\.${e(svc.namespace)}(?:\\.svc(?:\\.cluster\\.local)?)?)?(?![a-z0-9-]|\\.[a-z0-9])`, 'gi');
  for (const m of value.matchAll(re)) if (m[1] !== undefined || fromNamespace === svc.namespace) return true;
  return false;
}

