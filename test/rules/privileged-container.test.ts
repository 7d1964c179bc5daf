import rule from '../../src/rules/privileged-container.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n      securityContext: {privileged: false}\n' },
    { input: 'K8S', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n' },
  ],
  invalid: [
    {
      input: 'K8S',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: setup\n          image: x:1\n          securityContext:\n            privileged: true\n      containers: []\n',
      errors: [{ line: 11, column: 25, endColumn: 29, messageId: 'privileged', message: /"setup" runs privileged/ }],
    },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    privileged: true\n', errors: [{ line: 4, column: 5 }] },
    { input: 'RUN', code: 'podman run --privileged -d nginx:1\n', errors: [{ line: 1, column: 12 }] },
  ],
});
