/**
 * Reads a NetworkPolicy manifest (its parsed value) into a `NetPolicy`, applying
 * the API's defaults: `policyTypes` (Ingress always, Egress when `egress` has
 * rules), protocol TCP, a missing `podSelector` selecting every pod, `except: []`.
 */
import type { KubeObject } from '../model/kube-object.js';
import { PROTOCOLS, type LabelSelector, type LabelSelectorRequirement, type NetPolicy, type PolicyPeer, type PolicyPort, type PolicyRule, type Protocol } from './types.js';

type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);

/**
 * Builds a `NetPolicy` from a manifest value.
 *
 * @example
 * parseNetworkPolicy({ metadata: { name: 'deny' }, spec: { podSelector: {} } }).ingressType; // true
 */
export function parseNetworkPolicy(value: Raw, source?: KubeObject, defaultNamespace = 'default'): NetPolicy {
  const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
  const spec = isRecord(value['spec']) ? value['spec'] : {};
  const ingress = (asArray(spec['ingress']) ?? []).map((r) => parseRule(r, 'from'));
  const egress = (asArray(spec['egress']) ?? []).map((r) => parseRule(r, 'to'));
  const types = asArray(spec['policyTypes'])?.map(String);
  const policy: NetPolicy = {
    name: typeof metadata['name'] === 'string' ? metadata['name'] : '',
    namespace: typeof metadata['namespace'] === 'string' && metadata['namespace'] ? metadata['namespace'] : defaultNamespace,
    podSelector: parseSelector(spec['podSelector']) ?? {},
    // The API server's defaulting: an absent or empty policyTypes list is inferred.
    ingressType: types && types.length ? types.includes('Ingress') : true,
    egressType: types && types.length ? types.includes('Egress') : egress.length > 0,
    ingress,
    egress,
  };
  if (source) policy.source = source;
  return policy;
}

function parseRule(raw: unknown, peersKey: 'from' | 'to'): PolicyRule {
  const rule: PolicyRule = {};
  if (!isRecord(raw)) return rule;
  const peers = asArray(raw[peersKey]);
  if (peers) rule.peers = peers.map(parsePeer);
  const ports = asArray(raw['ports']);
  if (ports) rule.ports = ports.map(parsePort);
  return rule;
}

function parsePeer(raw: unknown): PolicyPeer {
  const peer: PolicyPeer = {};
  if (!isRecord(raw)) return peer;
  const pods = parseSelector(raw['podSelector']);
  const namespaces = parseSelector(raw['namespaceSelector']);
  if (pods) peer.podSelector = pods;
  if (namespaces) peer.namespaceSelector = namespaces;
  const block = raw['ipBlock'];
  if (isRecord(block) && typeof block['cidr'] === 'string') {
    peer.ipBlock = { cidr: block['cidr'], except: (asArray(block['except']) ?? []).map(String) };
  }
  return peer;
}

/** `null` and absent are "not set"; `{}` is the empty selector that selects all. */
export function parseSelector(raw: unknown): LabelSelector | undefined {
  if (!isRecord(raw)) return undefined;
  const selector: LabelSelector = {};
  if (isRecord(raw['matchLabels'])) {
    selector.matchLabels = Object.fromEntries(Object.entries(raw['matchLabels']).map(([k, v]) => [k, String(v)]));
  }
  const exprs = asArray(raw['matchExpressions']);
  if (exprs) {
    selector.matchExpressions = exprs.filter(isRecord).map((e): LabelSelectorRequirement => {
      const req: LabelSelectorRequirement = { key: String(e['key'] ?? ''), operator: String(e['operator'] ?? '') as LabelSelectorRequirement['operator'] };
      const values = asArray(e['values']);
      if (values) req.values = values.map(String);
      return req;
    });
  }
  return selector;
}

function parsePort(raw: unknown): PolicyPort {
  const entry = isRecord(raw) ? raw : {};
  const protocol = String(entry['protocol'] ?? 'TCP');
  // An unknown protocol matches no traffic; keeping the entry keeps `ports` non-empty.
  const port: PolicyPort = { protocol: (PROTOCOLS as readonly string[]).includes(protocol) ? (protocol as Protocol) : ('?' as Protocol) };
  const p = entry['port'];
  if (typeof p === 'number') port.port = p;
  else if (typeof p === 'string') port.port = /^\d+$/.test(p) ? Number(p) : p;
  if (typeof entry['endPort'] === 'number') port.endPort = entry['endPort'];
  return port;
}
