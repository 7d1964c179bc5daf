import rule from '../../src/rules/rbac-wildcard.js';
import { ruleTester } from './rule-tester.js';

const role = (kind: string, rules: string, ns = '') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ops\n${ns}rules:\n${rules}`;
const binding = `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ops-binding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ops\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\n    namespace: ci\n`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'explicit lists', code: role('ClusterRole', '  - apiGroups: [""]\n    resources: [pods, services]\n    verbs: [get, list, watch]\n') },
    { input: 'K8S', name: 'nonResourceURLs are not resources', code: role('ClusterRole', '  - nonResourceURLs: ["/healthz"]\n    verbs: [get]\n') },
    { input: 'K8S', name: 'other kinds', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {rules: "*"}\n' },
  ],
  invalid: [
    {
      input: 'K8S',
      name: 'cluster-admin style, bound to a service account',
      code: role('ClusterRole', '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n') + binding,
      errors: [{ line: 6, column: 17, messageId: 'wildcard', message: /^ClusterRole "ops" grants `\*` apiGroups, resources, verbs in rule 1 \(bound by ClusterRoleBinding "ops-binding" to ServiceAccount ci\/deployer\)/ }],
    },
    {
      input: 'K8S',
      name: 'a namespaced Role, verbs only, second rule, unbound',
      code: role('Role', '  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n  - apiGroups: [apps]\n    resources: [deployments]\n    verbs:\n      - get\n      - "*"\n', '  namespace: apps\n'),
      errors: [{ line: 14, column: 9, message: /^Role "apps\/ops" grants `\*` verbs in rule 2 \(no binding of it is in the scanned files\)/ }],
    },
  ],
});
