/**
 * rbac-secrets-read: reading Secrets across the cluster is reading every
 * credential in it, service-account tokens of privileged controllers included.
 * `list` and `watch` return the values too, not only names.
 */
import { defineRule } from './rule.js';
import { bindingsOf, describeBindings, policyRules, roleLabel } from './support/rbac.js';

const READ = ['get', 'list', 'watch'];

export default defineRule({
  id: 'rbac-secrets-read',
  title: 'RBAC role reads Secrets cluster-wide',
  severity: 'high',
  inputs: ['K8S'],
  crossFile: true,
  rationale:
    "A ClusterRole that may get, list or watch Secrets reads every credential in every namespace, including the tokens of service accounts that are more privileged than the subject; `list` and `watch` return the Secrets' contents, not only their names.",
  remedy:
    'Grant Secret access in a Role of the one namespace that needs it, limited with `resourceNames` where possible; mount the Secret into the workload instead of reading it through the API.',
  references: [
    { title: 'Kubernetes RBAC good practices: Listing secrets', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/' },
    { title: 'CIS Kubernetes Benchmark 5.1.2: Minimize access to secrets' },
  ],
  messages: {
    read: '{{role}} allows {{verbs}} on secrets in every namespace ({{bindings}}): grant it in a namespaced Role, with resourceNames.',
  },
  check(ctx) {
    const objects = ctx.kubeObjects();
    for (const role of objects.filter((o) => o.kind === 'ClusterRole')) {
      const bindings = bindingsOf(role, objects);
      // Bound only by RoleBindings in the scan: the grant stays inside those namespaces.
      if (bindings.length > 0 && bindings.every((b) => !b.clusterWide)) continue;
      for (const rule of policyRules(role)) {
        const coreGroup = rule.apiGroups.includes('') || rule.apiGroups.includes('*');
        const at = rule.resources.findIndex((r) => r === 'secrets' || r === '*');
        const verbs = rule.verbs.includes('*') ? READ : READ.filter((v) => rule.verbs.includes(v));
        if (!coreGroup || at === -1 || verbs.length === 0) continue;
        ctx.report({
          messageId: 'read',
          data: { role: roleLabel(role), verbs: verbs.join(', '), bindings: describeBindings(bindings) },
          loc: rule.itemLoc('resources', at),
          resource: { kind: role.kind, ...(role.name !== undefined && { name: role.name }) },
        });
      }
    }
  },
});
