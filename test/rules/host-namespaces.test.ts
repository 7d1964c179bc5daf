import rule from '../../src/rules/host-namespaces.js';
import { ruleTester } from './rule-tester.js';

const pod = (podSpec: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${podSpec}  containers:\n    - name: c\n      image: x:1\n`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('') },
    { input: 'K8S', code: pod('  hostPID: false\n  hostIPC: false\n') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    pid: "service:db"\n' },
    { input: 'RUN', code: 'podman run --pid=private -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\n' },
  ],
  invalid: [
    {
      input: 'K8S',
      code: pod('  hostPID: true\n  hostIPC: true\n'),
      errors: [
        { line: 5, column: 12, messageId: 'shared', message: /"p" shares the host's PID namespace \(hostPID: true\)/ },
        { line: 6, column: 12, messageId: 'shared', message: /IPC/ },
      ],
    },
    {
      input: 'K8S',
      name: 'pod template of a DaemonSet',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      hostPID: true\n      containers:\n        - name: c\n          image: x:1\n',
      errors: [{ line: 7, column: 16, message: /"agent"/ }],
    },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    pid: host\n    ipc: host\n', errors: [{ line: 4, column: 5, message: /PID.*pid: host/ }, { line: 5, column: 5, message: /IPC/ }] },
    { input: 'RUN', code: 'podman run --pid=host --uts=host -d nginx:1\n', errors: [{ line: 1, column: 12, message: /PID.*--pid=host/ }, { line: 1, column: 23, message: /UTS/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nPodmanArgs=--ipc=host\n', errors: [{ line: 3, column: 12, message: /IPC/ }] },
  ],
});
