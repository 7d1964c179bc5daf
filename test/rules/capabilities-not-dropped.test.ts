import rule from '../../src/rules/capabilities-not-dropped.js';
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
    { input: 'K8S', code: pod('      securityContext:\n        capabilities:\n          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n') },
    { input: 'K8S', code: pod('      securityContext:\n        capabilities: {drop: [all]}\n'), name: 'case does not matter' },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    cap_drop: [ALL]\n' },
    { input: 'RUN', code: 'podman run --cap-drop=all -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nDropCapability=all\n' },
  ],
  invalid: [
    { input: 'K8S', code: pod(''), errors: [{ line: 6, column: 13, messageId: 'none', message: /"c".*drop: \[ALL\]/ }] },
    { input: 'K8S', code: pod('      securityContext:\n        capabilities:\n          drop: [NET_RAW, MKNOD]\n'), errors: [{ line: 10, column: 18, messageId: 'partial' }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n', errors: [{ line: 2, column: 3, messageId: 'none', message: /cap_drop: \[ALL\]/ }] },
    { input: 'RUN', code: 'podman run -d nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'engineDefault', message: /keeps Podman's default capabilities \(CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT\): set --cap-drop=all/ }] },
    { input: 'RUN', name: 'docker grants NET_RAW, MKNOD and AUDIT_WRITE too', code: 'docker run -d nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'engineDefault', message: /keeps Docker's default capabilities \(AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, NET_RAW, SETFCAP/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'engineDefault', message: /Podman's default capabilities.*DropCapability=all/ }] },
  ],
});
