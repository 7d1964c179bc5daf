import rule from '../../src/rules/rbac-secrets-read.js';
import { ruleTester } from './rule-tester.js';

const clusterRole = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n${rules}`;
const bind = (kind: string, ns = '') =>
  `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: reader-binding\n${ns}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: reader\nsubjects:\n  - kind: Group\n    name: system:authenticated\n`;
const secrets = '  - apiGroups: [""]\n    resources: [configmaps, secrets]\n    verbs: [get, list, watch]\n';

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'configmaps only', code: clusterRole('  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get, list]\n') },
    { input: 'K8S', name: 'writing secrets is not reading them', code: clusterRole('  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [create]\n') },
    { input: 'K8S', name: 'a namespaced Role', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: apps}\nrules:\n' + secrets },
    { input: 'K8S', name: 'bound only by a RoleBinding: one namespace', code: clusterRole(secrets) + bind('RoleBinding', '  namespace: apps\n') },
    { input: 'K8S', name: 'secrets of another API group', code: clusterRole('  - apiGroups: [example.io]\n    resources: [secrets]\n    verbs: [get]\n') },
  ],
  invalid: [
    { input: 'K8S', name: 'bound cluster-wide to every authenticated user', code: clusterRole(secrets) + bind('ClusterRoleBinding'), errors: [{ line: 7, column: 29, messageId: 'read', message: /^ClusterRole "reader" allows get, list, watch on secrets in every namespace \(bound by ClusterRoleBinding "reader-binding" to Group system:authenticated\)/ }] },
    { input: 'K8S', name: 'unbound in the scan', code: clusterRole('  - apiGroups: [""]\n    resources:\n      - secrets\n    verbs: [list]\n'), errors: [{ line: 8, column: 9, message: /allows list on secrets .*no binding of it is in the scanned files/ }] },
    { input: 'K8S', name: 'verbs and resources by wildcard', code: clusterRole('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n'), errors: [{ line: 7, column: 17, message: /allows get, list, watch on secrets/ }] },
  ],
});
