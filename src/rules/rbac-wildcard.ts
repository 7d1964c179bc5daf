/**
 * rbac-wildcard: `*` in a role's verbs, resources or API groups grants everything
 * of that kind, including what future versions and CRDs add: escalate, bind,
 * impersonate, secrets. Least privilege needs the list written out.
 */
import type { KubeObject } from '../model/kube-object.js';
import { defineRule } from './rule.js';
import { bindingsOf, describeBindings, policyRules, roleLabel } from './support/rbac.js';

const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

export default defineRule({
  id: 'rbac-wildcard',
  title: 'RBAC role grants `*` verbs, resources or API groups',
  severity: 'high',
  inputs: ['K8S'],
  crossFile: true,
  rationale:
    'A wildcard grants every verb, resource or API group, today and after every upgrade or CRD install: `escalate`, `bind` and `impersonate` included, which lead to cluster-admin. It makes a role impossible to review.',
  remedy: 'List the API groups, resources and verbs the subject needs (`get`, `list`, `watch` on `pods`, say); use the built-in `view`/`edit` ClusterRoles where they fit.',
  references: [
    { title: 'Kubernetes RBAC good practices: Least privilege, avoid wildcards', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/' },
    { title: 'CIS Kubernetes Benchmark 5.1.3: Minimize wildcard use in Roles and ClusterRoles' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Authentication and authorization' },
  ],
  messages: {
    wildcard: '{{role}} grants `*` {{fields}} in rule {{rule}} ({{bindings}}): list what is needed instead.',
  },
  check(ctx) {
    const objects = ctx.kubeObjects();
    const roles: KubeObject[] = objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole');
    for (const role of roles) {
      for (const rule of policyRules(role)) {
        const wild = FIELDS.filter((f) => rule[f].includes('*'));
        if (wild.length === 0) continue;
        const first = wild[0]!;
        ctx.report({
          messageId: 'wildcard',
          data: { role: roleLabel(role), fields: wild.join(', '), rule: rule.index + 1, bindings: describeBindings(bindingsOf(role, objects)) },
          loc: rule.itemLoc(first, rule[first].indexOf('*')),
          resource: { kind: role.kind, ...(role.namespace !== undefined && { namespace: role.namespace }), ...(role.name !== undefined && { name: role.name }) },
        });
      }
    }
  },
});
