import rule from '../../src/rules/seccomp-unconfined.js';
import { ruleTester } from './rule-tester.js';

const pod = (podSc: string, containerSc = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${podSc}  containers:\n    - name: app\n      image: x:1\n${containerSc}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'pod RuntimeDefault', code: pod('  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n') },
    { input: 'K8S', name: 'container Localhost', code: pod('', '      securityContext:\n        seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}\n') },
    { input: 'K8S', name: 'legacy annotation', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}\nspec:\n  containers:\n    - name: app\n      image: x:1\n' },
    { input: 'K8S', name: 'Windows pods have no seccomp', code: pod('  os: {name: windows}\n') },
    { input: 'CMP', name: 'the engine default applies', code: 'services:\n  web:\n    image: nginx:1\n' },
    { input: 'CMP', name: 'a profile file', code: 'services:\n  web:\n    image: nginx:1\n    security_opt: ["seccomp:./profile.json"]\n' },
    { input: 'RUN', code: 'podman run -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nSeccompProfile=/etc/containers/seccomp.json\n' },
  ],
  invalid: [
    { input: 'K8S', name: 'nothing set', code: pod(''), errors: [{ line: 6, column: 13, messageId: 'notSet', message: /^Container "app" sets no seccomp profile, so it runs Unconfined: set securityContext.seccompProfile.type: RuntimeDefault/ }] },
    { input: 'K8S', name: 'container overrides the pod', code: pod('  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n', '      securityContext:\n        seccompProfile:\n          type: Unconfined\n'), errors: [{ line: 12, column: 17, messageId: 'unconfined' }] },
    { input: 'K8S', name: 'legacy unconfined annotation', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}\nspec:\n  containers:\n    - name: app\n      image: x:1\n', errors: [{ line: 5, column: 59, messageId: 'unconfined' }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    security_opt:\n      - seccomp:unconfined\n', errors: [{ line: 5, column: 9, messageId: 'unconfined', message: /^Service "web" runs without seccomp .*remove it so the default profile applies/ }] },
    { input: 'RUN', code: 'docker run --security-opt seccomp=unconfined -d nginx:1\n', errors: [{ line: 1, column: 12, messageId: 'unconfined' }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nSeccompProfile=unconfined\n', errors: [{ line: 3, column: 1, messageId: 'unconfined' }] },
  ],
});
