import rule from '../../src/rules/namespace-without-pod-security.js';
import { ruleTester } from './rule-tester.js';

const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n${labels}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: ns('  labels:\n    pod-security.kubernetes.io/enforce: restricted\n') },
    { input: 'K8S', name: 'other kinds are not namespaces', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n' },
  ],
  invalid: [
    { input: 'K8S', code: ns(''), errors: [{ line: 4, column: 9, messageId: 'missing', message: /^Namespace "apps" has no pod-security.kubernetes.io\/enforce label/ }] },
    { input: 'K8S', name: 'warn and audit are advisory', code: ns('  labels:\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/audit: restricted\n'), errors: [{ line: 4, column: 9, messageId: 'advisoryOnly', message: /only warns or audits \(pod-security.kubernetes.io\/warn: restricted, pod-security.kubernetes.io\/audit: restricted\)/ }] },
    { input: 'K8S', name: 'inside a List', code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: a}\n', errors: [{ line: 6, column: 22 }] },
  ],
});
