import rule from '../../src/rules/selinux-disabled.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, runCase } from './rule-tester.js';

const pod = (sc: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${sc}  containers:\n    - name: app\n      image: x:1\n`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'no SELinux options', code: pod('') },
    { input: 'K8S', name: 'confined type and a level', code: pod('  securityContext:\n    seLinuxOptions: {type: container_init_t, level: "s0:c123,c456"}\n') },
    { input: 'K8S', name: 'empty strings are unset', code: pod('  securityContext:\n    seLinuxOptions: {type: "", user: "", role: ""}\n') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    security_opt: ["label=level:s0:c100,c200"]\n' },
    { input: 'RUN', code: 'podman run --security-opt label=type:container_t -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nSecurityLabelType=container_t\n' },
  ],
  invalid: [
    { input: 'K8S', name: 'unconfined type', code: pod('  securityContext:\n    seLinuxOptions:\n      type: spc_t\n'), errors: [{ line: 7, column: 13, messageId: 'type', message: /^Container "app" runs with SELinux type "spc_t"/ }] },
    {
      input: 'K8S',
      name: 'user and role',
      code: pod('  securityContext:\n    seLinuxOptions:\n      user: system_u\n      role: system_r\n'),
      errors: [
        { line: 7, column: 13, messageId: 'userOrRole', message: /SELinux user to "system_u"/ },
        { line: 8, column: 13, messageId: 'userOrRole', message: /SELinux role to "system_r"/ },
      ],
    },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    security_opt:\n      - label:disable\n', errors: [{ line: 5, column: 9, messageId: 'disabled', message: /^SELinux separation is switched off for Service "web"/ }] },
    { input: 'CMP', name: 'unconfined type', code: 'services:\n  web:\n    image: nginx:1\n    security_opt:\n      - label=type:spc_t\n', errors: [{ line: 5, column: 20, messageId: 'type' }] },
    { input: 'RUN', code: 'podman run --security-opt label=disable -d nginx:1\n', errors: [{ line: 1, column: 12, messageId: 'disabled', message: /--security-opt label=disable/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nSecurityLabelDisable=true\n', errors: [{ line: 3, column: 1, messageId: 'disabled' }] },
    { input: 'QL', name: 'type', code: '[Container]\nImage=nginx:1\nSecurityLabelType=unconfined_t\n', errors: [{ line: 3, column: 1, messageId: 'type' }] },
  ],
});

// Pod-level options label the pod and its volumes even when every container sets its
// own (empty) options; inherited ones are reported once, for the container.

test('selinux-disabled judges pod-level options that every container overrides, and only once', () => {
  const overridden = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seLinuxOptions: {type: spc_t}\n  containers:\n    - name: c\n      image: x:1\n      securityContext:\n        seLinuxOptions: {}\n`;
  const a = runCase(rule, { input: 'K8S', code: overridden }).findings;
  assert.deepEqual(a.map((f) => `${f.location.startLine}:${f.location.startColumn}`), ['6:28']);
  assert.match(a[0]!.message, /^Pod "p" \(pod level, which labels the pod and its volumes\) runs with SELinux type "spc_t"/);
  const inherited = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seLinuxOptions: {user: system_u}\n  containers:\n    - name: c\n      image: x:1\n    - name: d\n      image: x:1\n`;
  const b = runCase(rule, { input: 'K8S', code: inherited }).findings;
  assert.deepEqual(b.map((f) => f.message.slice(0, 13)), ['Container "c"', 'Container "d"']);
});
