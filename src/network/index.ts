/**
 * NetworkPolicy analysis (networking.k8s.io/v1): who can reach whom.
 *
 * @example
 * import { connectivity, isolation, fromScanModel } from './network/index.js';
 * const input = fromScanModel(model);
 * isolation(input, input.pods[0]);
 * connectivity(model);
 */
import type { ScanModel } from '../model/scan-model.js';
import { computeConnectivity, type Connection } from './connectivity.js';
import { fromScanModel } from './from-scan-model.js';
import type { NetworkInput } from './types.js';

export * from './types.js';
export { allowed, admissions, isolation, portMatches, peerMatches, type Admission, type Isolation } from './evaluate.js';
export { computeConnectivity, describeEnd, endKey, type Connection, type ConnectionEnd } from './connectivity.js';
export { fromScanModel, podOf, DEFAULT_NAMESPACE } from './from-scan-model.js';
export { parseNetworkPolicy, parseSelector } from './parse-policy.js';
export { matchesSelector, formatSelector, isEmptySelector } from './label-selector.js';
export { indexNetwork, policiesSelecting, type NetworkIndex } from './network-index.js';
export * from './port-set.js';
export * from './cidr.js';
export { admitsEveryPeer, admitsEverything, defaultDenies, namespaceDefaultDeny } from './policy-checks.js';
export { resolvePorts } from './resolve-ports.js';
export { networkUnits, unitFiles } from './deployment-units.js';

/**
 * Allowed connections of a scan (or of a prepared input).
 *
 * @example
 * connectivity(model).map((c) => c.ports);
 */
export function connectivity(source: ScanModel | NetworkInput): Connection[] {
  return computeConnectivity('kubeObjects' in source ? fromScanModel(source) : source);
}
