import rule from '../../src/rules/writable-root-fs.js';
import { ruleTester } from './rule-tester.js';

const pod = (sc: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: x:1\n${sc}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('      securityContext: {readOnlyRootFilesystem: true}\n') },
    { input: 'K8S', name: 'Windows pods cannot have one', code: pod('').replace('spec:\n', 'spec:\n  os: {name: windows}\n') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    read_only: true\n' },
    { input: 'RUN', code: 'podman run --read-only -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nReadOnly=true\n' },
  ],
  invalid: [
    { input: 'K8S', name: 'not set', code: pod(''), errors: [{ line: 6, column: 13, messageId: 'notSet', message: /Container "app" has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true/ }] },
    { input: 'K8S', name: 'explicitly false', code: pod('      securityContext:\n        readOnlyRootFilesystem: false\n'), errors: [{ line: 9, column: 33, messageId: 'writable' }] },
    {
      input: 'K8S',
      name: 'init containers too',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: setup\n          image: x:1\n      containers:\n        - name: main\n          image: x:1\n          securityContext: {readOnlyRootFilesystem: true}\n',
      errors: [{ line: 8, column: 17, message: /^Init container "setup"/ }],
    },
    { input: 'CMP', name: 'not set', code: 'services:\n  web:\n    image: nginx:1\n', errors: [{ line: 2, column: 3, message: /Service "web".*read_only: true/ }] },
    { input: 'CMP', name: 'false', code: 'services:\n  web:\n    image: nginx:1\n    read_only: false\n', errors: [{ line: 4, column: 5, messageId: 'writable' }] },
    { input: 'RUN', code: 'podman run -d nginx:1\n', errors: [{ line: 1, column: 1, message: /--read-only/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\n', errors: [{ line: 1, column: 1, message: /ReadOnly=true/ }] },
    { input: 'QL', name: 'false', code: '[Container]\nImage=nginx:1\nReadOnly=false\n', errors: [{ line: 3, column: 1, messageId: 'writable' }] },
  ],
});
