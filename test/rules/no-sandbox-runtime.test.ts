import rule from '../../src/rules/no-sandbox-runtime.js';
import { ruleTester } from './rule-tester.js';

const pod = (ns: string, spec = '', labels = '{app: web}') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ${ns}\n  labels: ${labels}\nspec:\n${spec}  containers:\n    - name: app\n      image: x:1\n`;

const byNamespace = { untrusted: { namespaces: ['tenants', 'default'], labels: {} } };
const byLabel = { untrusted: { namespaces: [], labels: { trust: 'low', sandbox: '*' } } };

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'nothing marked untrusted: silent', code: pod('tenants') },
    { input: 'K8S', name: 'a trusted namespace', code: pod('apps'), settings: byNamespace },
    { input: 'K8S', name: 'sandboxed', code: pod('tenants', '  runtimeClassName: gvisor\n'), settings: byNamespace },
    { input: 'K8S', name: 'label value differs', code: pod('apps', '', '{trust: high}'), settings: byLabel },
    { input: 'RUN', code: 'podman run --label trust=low --runtime /usr/bin/runsc -d nginx:1\n', settings: byLabel },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nLabel=trust=low\nPodmanArgs=--runtime=kata\n', settings: byLabel },
  ],
  invalid: [
    {
      input: 'K8S',
      name: 'untrusted namespace',
      code: pod('tenants'),
      settings: byNamespace,
      errors: [{ line: 4, column: 9, messageId: 'defaultRuntime', message: /^Pod "p" is marked untrusted \(namespace "tenants"\) but runs on the default runtime: set runtimeClassName to a sandboxed runtime \(gvisor, runsc/ }],
    },
    { input: 'K8S', name: 'a runtime that is no sandbox', code: pod('tenants', '  runtimeClassName: runc\n'), settings: byNamespace, errors: [{ line: 8, column: 21, messageId: 'otherRuntime' }] },
    {
      input: 'K8S',
      name: 'no namespace is the default namespace',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: x:1\n',
      settings: byNamespace,
      errors: [{ line: 3, column: 18, message: /namespace "default"/ }],
    },
    { input: 'K8S', name: 'wildcard label', code: pod('apps', '', '{sandbox: "yes"}'), settings: byLabel, errors: [{ line: 4, column: 9, message: /label sandbox=yes/ }] },
    { input: 'RUN', code: 'podman run --label trust=low -d nginx:1\n', settings: byLabel, errors: [{ line: 1, column: 1, message: /--runtime/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nLabel=trust=low\n', settings: byLabel, errors: [{ line: 1, column: 1 }] },
  ],
});
