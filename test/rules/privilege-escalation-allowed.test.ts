import rule from '../../src/rules/privilege-escalation-allowed.js';
import { ruleTester } from './rule-tester.js';

const pod = (container: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n${container}`;

ruleTester(rule, {
  valid: [
    {
      input: 'K8S',
      name: 'a Windows pod cannot set Linux security fields',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers:\n    - name: c\n      image: x:1\n',
    },
    { input: 'K8S', code: pod('      securityContext: {allowPrivilegeEscalation: false}\n') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    security_opt:\n      - no-new-privileges:true\n' },
    { input: 'RUN', code: 'podman run --security-opt no-new-privileges -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nNoNewPrivileges=true\n' },
  ],
  invalid: [
    { input: 'K8S', code: pod(''), errors: [{ line: 6, column: 13, messageId: 'unset', message: /"c".*allowPrivilegeEscalation: false/ }] },
    { input: 'K8S', code: pod('      securityContext: {allowPrivilegeEscalation: true}\n'), errors: [{ line: 8, column: 51, messageId: 'allowed' }] },
    {
      input: 'K8S',
      name: 'judged per container, init containers included',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: x:1\n      containers:\n        - name: app\n          image: x:1\n          securityContext: {allowPrivilegeEscalation: false}\n',
      errors: [{ line: 8, column: 17, messageId: 'unset', message: /"init"/ }],
    },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n', errors: [{ line: 2, column: 3, messageId: 'unset', message: /no-new-privileges:true/ }] },
    { input: 'RUN', code: 'podman run -d nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'unset', message: /--security-opt no-new-privileges/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'unset', message: /NoNewPrivileges=true/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nNoNewPrivileges=false\n', errors: [{ line: 3, column: 1, messageId: 'allowed' }] },
  ],
});
