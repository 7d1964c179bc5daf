import rule from '../../src/rules/tmpfs-unhardened.js';
import { ruleTester } from './rule-tester.js';

const pod = (volume: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: x:1\n      volumeMounts:\n        - name: cache\n          mountPath: /cache\n  volumes:\n    - name: cache\n      ${volume}\n`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'memory emptyDir with sizeLimit', code: pod('emptyDir: {medium: Memory, sizeLimit: 64Mi}') },
    { input: 'K8S', name: 'disk-backed emptyDir is not a tmpfs', code: pod('emptyDir: {}') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    tmpfs:\n      - /tmp:nosuid,nodev,noexec,size=64m\n' },
    { input: 'RUN', code: 'podman run --tmpfs /tmp:rw,nosuid,nodev,noexec,size=64m -d nginx:1\n' },
    { input: 'RUN', name: 'mount syntax', code: 'docker run --mount type=tmpfs,destination=/tmp,tmpfs-size=64m,nosuid,nodev,noexec nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nTmpfs=/tmp:nosuid,nodev,noexec,size=64m\n' },
    { input: 'RUN', name: 'docker adds noexec,nosuid,nodev to every tmpfs', code: 'docker run --tmpfs /tmp:size=64m -d nginx:1\n' },
    { input: 'RUN', name: 'docker --mount type=tmpfs gets the same defaults', code: 'docker run --mount type=tmpfs,destination=/tmp,tmpfs-size=64m nginx:1\n' },
    { input: 'QL', name: 'podman adds nosuid,nodev; noexec written', code: '[Container]\nImage=nginx:1\nTmpfs=/tmp:noexec,size=64m\n' },
  ],
  invalid: [
    {
      input: 'K8S',
      name: 'one memory emptyDir, two containers: once, at the emptyDir',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: nginx\n      image: nginx:1.27\n      volumeMounts: [{name: run, mountPath: /var/run}]\n    - name: php\n      image: php:8.3-fpm\n      volumeMounts: [{name: run, mountPath: /run/php}]\n  volumes:\n    - name: run\n      emptyDir:\n        medium: Memory\n',
      errors: [{ line: 15, column: 9, messageId: 'noSizeLimit', message: /^Containers "nginx" and "php" mount the memory-backed emptyDir "run" at \/var\/run and \/run\/php without a sizeLimit/ }],
    },
    {
      input: 'K8S',
      name: 'memory emptyDir without sizeLimit',
      code: pod('emptyDir: {medium: Memory}'),
      errors: [{ line: 13, column: 17, messageId: 'noSizeLimit', message: /Container "app" mounts the memory-backed emptyDir "cache" at \/cache without a sizeLimit/ }],
    },
    { input: 'K8S', name: 'sizeLimit 0 is no limit', code: pod('emptyDir: {medium: Memory, sizeLimit: "0"}'), errors: [{ line: 13, column: 17, messageId: 'noSizeLimit' }] },
    {
      input: 'CMP',
      code: 'services:\n  web:\n    image: nginx:1\n    tmpfs:\n      - /tmp:size=64m\n',
      name: 'engine unknown: noexec is added by Docker only',
      errors: [{ line: 5, column: 9, messageId: 'unhardened', message: /Service "web" mounts a tmpfs at \/tmp without noexec \(Docker adds it, Podman does not\): / }],
    },
    { input: 'RUN', name: 'no options at all', code: 'podman run --tmpfs /tmp -d nginx:1\n', errors: [{ line: 1, column: 12, message: /without noexec and a size limit: .*--tmpfs \/tmp:nosuid,nodev,noexec,size=64m/ }] },
    { input: 'RUN', name: 'docker: only the size is missing', code: 'docker run --tmpfs /tmp -d nginx:1\n', errors: [{ line: 1, column: 12, message: /at \/tmp without a size limit:/ }] },
    { input: 'RUN', name: 'docker: an explicit suid wins over the default', code: 'docker run --tmpfs /tmp:suid,size=8m -d nginx:1\n', errors: [{ line: 1, column: 12, message: /without nosuid \(suid is set\):/ }] },
    { input: 'QL', name: 'VolatileTmp=true lacks noexec only', code: '[Container]\nImage=nginx:1\nVolatileTmp=true\n', errors: [{ line: 3, column: 1, message: /at \/tmp without noexec: / }] },
    { input: 'RUN', name: 'exec set after noexec', code: 'podman run --tmpfs /tmp:nosuid,nodev,noexec,exec,size=1g nginx:1\n', errors: [{ line: 1, column: 12, message: /without noexec \(exec is set\)/ }] },
    { input: 'RUN', name: 'size=0 is unlimited', code: 'podman run --tmpfs /tmp:nosuid,nodev,noexec,size=0 nginx:1\n', errors: [{ line: 1, column: 12, message: /without a size limit/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nTmpfs=/run:nosuid,nodev\n', errors: [{ line: 3, column: 1, message: /without noexec and a size limit: .*Tmpfs=/ }] },
    { input: 'QL', name: 'Quadlet is podman: nosuid and nodev come by default', code: '[Container]\nImage=nginx:1\nTmpfs=/run\n', errors: [{ line: 3, column: 1, message: /at \/run without noexec and a size limit: / }] },
  ],
});
