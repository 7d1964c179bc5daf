/**
 * Plain inputs for NetworkPolicy analysis (networking.k8s.io/v1), free of the scan
 * model so the semantics can be tested and benchmarked on generated data.
 * `fromScanModel` builds them from parsed manifests.
 */
import type { KubeObject } from '../model/kube-object.js';
import type { Workload } from '../model/workload.js';

/** Transport protocols a NetworkPolicy port can name; Kubernetes defaults to TCP. */
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** `metav1.LabelSelector`. An empty selector (`{}`) selects everything. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** `ipBlock`: a CIDR minus some CIDRs inside it. */
export interface IpBlock {
  cidr: string;
  except: string[];
}

/**
 * One `from`/`to` item. At least one field is set in a valid policy; `podSelector`
 * alone means pods of the policy's namespace, `namespaceSelector` alone all pods of
 * the matching namespaces, both together the matching pods in the matching namespaces.
 */
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IpBlock;
}

/** One `ports` item. `port` missing = every port of the protocol; a string is a named container port. */
export interface PolicyPort {
  protocol: Protocol;
  port?: number | string;
  /** Last port of a range starting at the numeric `port`. */
  endPort?: number;
}

/**
 * An ingress or egress rule. `peers` is `from`/`to`, `ports` is `ports`;
 * `undefined` and `[]` both mean "every peer" / "every port", as in Kubernetes.
 */
export interface PolicyRule {
  peers?: PolicyPeer[];
  ports?: PolicyPort[];
}

/** A NetworkPolicy with `policyTypes` already defaulted. */
export interface NetPolicy {
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  /** Ingress is isolated by this policy (listed in, or defaulted into, `policyTypes`). */
  ingressType: boolean;
  egressType: boolean;
  ingress: PolicyRule[];
  egress: PolicyRule[];
  /** The manifest it came from, for locating findings. */
  source?: KubeObject;
}

export interface PodPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

/** A pod (a workload's pod template) as policies see it. */
export interface PodInfo {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ports: PodPort[];
  /** The workload it came from, when built from the scan model. */
  workload?: Workload;
}

export interface NamespaceInfo {
  name: string;
  /** Includes the automatic `kubernetes.io/metadata.name` label. */
  labels: Record<string, string>;
  source?: KubeObject;
}

/** Everything the analysis reads. Namespaces of pods and policies need not be listed. */
export interface NetworkInput {
  policies: NetPolicy[];
  pods: PodInfo[];
  namespaces: NamespaceInfo[];
}

/** An address outside the cluster (IPv4 or IPv6), for `allowed`. */
export interface IpEndpoint {
  ip: string;
}

/** One end of a connection query: a pod or an IP address. */
export type Endpoint = PodInfo | IpEndpoint;

export function isIpEndpoint(e: Endpoint): e is IpEndpoint {
  return typeof (e as IpEndpoint).ip === 'string';
}

/** The label every namespace carries (Kubernetes ≥ 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
