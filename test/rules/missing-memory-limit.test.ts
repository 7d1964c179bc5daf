import rule from '../../src/rules/missing-memory-limit.js';
import { ruleTester } from './rule-tester.js';

const pod = (resources: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: x:1\n${resources}${extra}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('          resources:\n            limits:\n              memory: 256Mi\n') },
    { input: 'K8S', name: 'LimitRange default, both without namespace', code: pod('', '---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: mem}\nspec:\n  limits:\n    - type: Container\n      default: {memory: 256Mi}\n') },
    { input: 'K8S', name: 'a pod-level limit bounds every container', code: pod('').replace('      containers:', '      resources:\n        limits: {memory: 1Gi}\n      containers:') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    mem_limit: 256m\n' },
    { input: 'CMP', name: 'deploy limits', code: 'services:\n  web:\n    image: nginx:1\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n' },
    { input: 'RUN', code: 'docker run -m 256m -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nMemory=256M\n' },
  ],
  invalid: [
    { input: 'K8S', code: pod('          resources:\n            requests: {memory: 64Mi}\n'), errors: [{ line: 8, column: 17, messageId: 'missing', message: /^Container "app" has no memory limit: set resources.limits.memory\.$/ }] },
    { input: 'K8S', name: 'a LimitRange for pods, not containers', code: pod('', '---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: mem}\nspec:\n  limits:\n    - type: Pod\n      max: {memory: 1Gi}\n'), errors: [{ line: 8, column: 17 }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n', errors: [{ line: 2, column: 3, message: /mem_limit/ }] },
    { input: 'CMP', name: 'unlimited', code: 'services:\n  web:\n    image: nginx:1\n    mem_limit: 0\n', errors: [{ line: 4, column: 5, messageId: 'unlimited' }] },
    { input: 'RUN', code: 'podman run -d nginx:1\n', errors: [{ line: 1, column: 1, message: /--memory/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\n', errors: [{ line: 1, column: 1, message: /Memory=/ }] },
  ],
});
