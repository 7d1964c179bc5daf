import rule from '../../src/rules/dangerous-capability.js';
import { ruleTester } from './rule-tester.js';

const pod = (container: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n${container}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('      securityContext:\n        capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}\n') },
    { input: 'K8S', code: pod('      securityContext:\n        capabilities: {add: [SYS_ADMIN]}\n'), settings: { dangerousCapabilities: ['SYS_MODULE'] }, name: 'the set is configurable' },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    cap_add: [CHOWN]\n' },
    { input: 'RUN', code: 'podman run --cap-add NET_BIND_SERVICE -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nAddCapability=CHOWN\n' },
  ],
  invalid: [
    {
      input: 'K8S',
      code: pod('      securityContext:\n        capabilities:\n          add: [SYS_ADMIN, CHOWN, cap_net_raw]\n'),
      errors: [
        { line: 10, column: 17, messageId: 'dangerous', message: /"c" adds the dangerous capability SYS_ADMIN.*capabilities\.add/ },
        { line: 10, column: 35, messageId: 'dangerous', message: /NET_RAW/ },
      ],
    },
    { input: 'K8S', code: pod('      securityContext:\n        capabilities: {add: [ALL]}\n'), errors: [{ line: 9, column: 30, message: /ALL/ }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    cap_add:\n      - SYS_PTRACE\n', errors: [{ line: 5, column: 9, message: /SYS_PTRACE.*cap_add/ }] },
    { input: 'RUN', code: 'podman run --cap-add SYS_ADMIN -d nginx:1\n', errors: [{ line: 1, column: 22, message: /SYS_ADMIN.*--cap-add/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nAddCapability=NET_ADMIN\n', errors: [{ line: 3, column: 15, message: /NET_ADMIN.*AddCapability=/ }] },
  ],
});
