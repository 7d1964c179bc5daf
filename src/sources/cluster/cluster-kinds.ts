/**
 * The kinds `seaworthy cluster` lists: what the rules judge (workloads, Pods), and
 * what they judge them by (Namespaces and their labels, NetworkPolicies, Services,
 * ServiceAccounts, LimitRanges, RBAC). deploy/cluster-audit/cluster-reader.yaml grants
 * `get` and `list` on exactly these resources, and a test keeps the two equal.
 * Secrets are never read.
 */

export interface ClusterKind {
  kind: string;
  /** API group ('' for the core group). */
  group: string;
  version: string;
  /** The resource name in URLs and RBAC rules. */
  resource: string;
  namespaced: boolean;
}

const core = (kind: string, resource: string, namespaced = true): ClusterKind => ({ kind, group: '', version: 'v1', resource, namespaced });
const grouped = (group: string, kind: string, resource: string, namespaced = true): ClusterKind => ({ kind, group, version: 'v1', resource, namespaced });

/** Cluster-scoped kinds and RBAC: listed whole, once, before the namespaces. */
export const CLUSTER_KINDS: readonly ClusterKind[] = [
  core('Namespace', 'namespaces', false),
  grouped('rbac.authorization.k8s.io', 'ClusterRole', 'clusterroles', false),
  grouped('rbac.authorization.k8s.io', 'ClusterRoleBinding', 'clusterrolebindings', false),
  grouped('rbac.authorization.k8s.io', 'Role', 'roles'),
  grouped('rbac.authorization.k8s.io', 'RoleBinding', 'rolebindings'),
];

/** Namespaced kinds, streamed namespace by namespace. */
export const NAMESPACED_KINDS: readonly ClusterKind[] = [
  core('Pod', 'pods'),
  core('ReplicationController', 'replicationcontrollers'),
  core('PodTemplate', 'podtemplates'),
  core('Service', 'services'),
  core('ServiceAccount', 'serviceaccounts'),
  core('LimitRange', 'limitranges'),
  grouped('apps', 'Deployment', 'deployments'),
  grouped('apps', 'ReplicaSet', 'replicasets'),
  grouped('apps', 'StatefulSet', 'statefulsets'),
  grouped('apps', 'DaemonSet', 'daemonsets'),
  grouped('batch', 'Job', 'jobs'),
  grouped('batch', 'CronJob', 'cronjobs'),
  grouped('networking.k8s.io', 'NetworkPolicy', 'networkpolicies'),
];

export const ALL_KINDS: readonly ClusterKind[] = [...CLUSTER_KINDS, ...NAMESPACED_KINDS];

/** `v1`, `apps/v1`. */
export function apiVersionOf(k: ClusterKind): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** The collection URL, for one namespace or all. */
export function listPath(k: ClusterKind, namespace?: string): string {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  return k.namespaced && namespace !== undefined ? `${base}/namespaces/${encodeURIComponent(namespace)}/${k.resource}` : `${base}/${k.resource}`;
}
