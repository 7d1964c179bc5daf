import rule from '../../src/rules/missing-cpu-limit.js';
import { ruleTester } from './rule-tester.js';

const pod = (resources: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  containers:\n    - name: app\n      image: x:1\n${resources}${extra}`;

const limitRange = (key: string) =>
  `---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: defaults, namespace: apps}\nspec:\n  limits:\n    - type: Container\n      default: {${key}: 500m}\n`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('      resources:\n        limits: {cpu: 500m, memory: 128Mi}\n') },
    { input: 'K8S', name: 'a LimitRange default in the namespace', code: pod('', limitRange('cpu')) },
    { input: 'K8S', name: 'a LimitRange max is the default limit', code: pod('', limitRange('cpu').replace('default:', 'max:')) },
    { input: 'K8S', name: 'ephemeral containers cannot have resources', code: `${pod('      resources: {limits: {cpu: "1"}}\n')}  ephemeralContainers:\n    - name: debug\n      image: busybox:1\n` },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    cpus: 0.5\n' },
    { input: 'CMP', name: 'deploy limits', code: 'services:\n  web:\n    image: nginx:1\n    deploy:\n      resources:\n        limits: {cpus: "0.5"}\n' },
    { input: 'RUN', code: 'podman run --cpus 1.5 -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nPodmanArgs=--cpus=2\n' },
  ],
  invalid: [
    { input: 'K8S', code: pod('      resources:\n        limits: {memory: 128Mi}\n'), errors: [{ line: 6, column: 13, messageId: 'missing', message: /^Container "app" has no CPU limit: set resources.limits.cpu\.$/ }] },
    { input: 'K8S', name: 'a LimitRange in another namespace does not count', code: pod('', limitRange('cpu').replace('namespace: apps', 'namespace: other')), errors: [{ line: 6, column: 13 }] },
    { input: 'K8S', name: 'a LimitRange default for memory only', code: pod('', limitRange('memory')), errors: [{ line: 6, column: 13 }] },
    { input: 'K8S', name: 'zero is no limit', code: pod('      resources:\n        limits: {cpu: "0"}\n'), errors: [{ line: 9, column: 23, messageId: 'unlimited' }] },
    {
      input: 'K8S',
      name: 'init containers too',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: setup\n          image: x:1\n      containers:\n        - name: main\n          image: x:1\n          resources: {limits: {cpu: "1"}}\n',
      errors: [{ line: 8, column: 17, message: /^Init container "setup"/ }],
    },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n', errors: [{ line: 2, column: 3, message: /Service "web" has no CPU limit: set cpus/ }] },
    { input: 'RUN', code: 'podman run -d nginx:1\n', errors: [{ line: 1, column: 1, message: /--cpus/ }] },
    { input: 'RUN', name: '--cpus 0', code: 'docker run --cpus 0 -d nginx:1\n', errors: [{ line: 1, column: 12, messageId: 'unlimited' }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\n', errors: [{ line: 1, column: 1 }] },
  ],
});
