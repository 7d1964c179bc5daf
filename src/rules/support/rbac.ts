/**
 * RBAC objects as the API server reads them (Kubernetes "Using RBAC
 * Authorization"): a Role or ClusterRole's `rules`, and the RoleBindings and
 * ClusterRoleBindings in the scan that give a role to subjects. Shared by
 * rbac-wildcard and rbac-secrets-read so both name the same bindings.
 */
import type { Location } from '../../model/location.js';
import type { KubeObject } from '../../model/kube-object.js';
import { locAt } from '../../sources/yaml/yaml-node.js';

export interface PolicyRule {
  index: number;
  verbs: string[];
  resources: string[];
  apiGroups: string[];
  resourceNames: string[];
  /** Location of list item `field[i]` of this rule. */
  itemLoc(field: 'verbs' | 'resources' | 'apiGroups', i: number): Location;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The `rules` of a Role or ClusterRole. */
export function policyRules(role: KubeObject): PolicyRule[] {
  const rules = role.value['rules'];
  if (!Array.isArray(rules)) return [];
  return rules.map((r, index) => {
    const rule = (r ?? {}) as Record<string, unknown>;
    return {
      index,
      verbs: strings(rule['verbs']),
      resources: strings(rule['resources']),
      apiGroups: strings(rule['apiGroups']),
      resourceNames: strings(rule['resourceNames']),
      itemLoc: (field, i) => locAt(role.node, ['rules', index, field, i]),
    };
  });
}

export interface Binding {
  binding: KubeObject;
  /** A ClusterRoleBinding grants cluster-wide; a RoleBinding only in its namespace. */
  clusterWide: boolean;
  /** `ServiceAccount apps/web`, `User alice`, `Group system:authenticated`. */
  subjects: string[];
}

/** The bindings in the scan that grant `role`. */
export function bindingsOf(role: KubeObject, objects: readonly KubeObject[]): Binding[] {
  const out: Binding[] = [];
  for (const b of objects) {
    if (b.kind !== 'RoleBinding' && b.kind !== 'ClusterRoleBinding') continue;
    const ref = (b.value['roleRef'] ?? {}) as Record<string, unknown>;
    if (ref['kind'] !== role.kind || ref['name'] !== role.name) continue;
    // A RoleBinding names a Role of its own namespace, or a ClusterRole.
    if (role.kind === 'Role' && (b.kind !== 'RoleBinding' || (b.namespace ?? 'default') !== (role.namespace ?? 'default'))) continue;
    const subjects = Array.isArray(b.value['subjects']) ? (b.value['subjects'] as Record<string, unknown>[]) : [];
    out.push({
      binding: b,
      clusterWide: b.kind === 'ClusterRoleBinding',
      subjects: subjects.map((s) => {
        const ns = s?.['kind'] === 'ServiceAccount' ? `${String(s['namespace'] ?? b.namespace ?? 'default')}/` : '';
        return `${String(s?.['kind'] ?? 'subject')} ${ns}${String(s?.['name'] ?? '?')}`;
      }),
    });
  }
  return out;
}

/** `bound by ClusterRoleBinding "x" to ServiceAccount apps/web`, or that none is in the scan. */
export function describeBindings(bindings: readonly Binding[]): string {
  if (bindings.length === 0) return 'no binding of it is in the scanned files';
  return `bound by ${bindings
    .map((b) => `${b.binding.kind} "${b.binding.name ?? '?'}"${b.subjects.length ? ` to ${b.subjects.join(', ')}` : ''}`)
    .join('; ')}`;
}

/** The role's own name for messages: `ClusterRole "admin-all"`, `Role "apps/reader"`. */
export function roleLabel(role: KubeObject): string {
  return role.kind === 'Role' ? `Role "${role.namespace ?? 'default'}/${role.name ?? '?'}"` : `ClusterRole "${role.name ?? '?'}"`;
}
