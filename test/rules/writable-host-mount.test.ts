import rule from '../../src/rules/writable-host-mount.js';
import { ruleTester } from './rule-tester.js';

const pod = (mount: string, volume = 'hostPath: {path: /srv/data}') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: x:1\n      volumeMounts:\n        - name: data\n          mountPath: /data\n${mount}  volumes:\n    - name: data\n      ${volume}\n`;

ruleTester(rule, {
  valid: [
    { input: 'CMP', name: 'driver_opts o: bind,ro is read-only for every service', code: 'services:\n  app:\n    image: nextcloud:29\n    volumes: [data:/var/www/html]\nvolumes:\n  data:\n    driver_opts: {type: none, o: "bind,ro", device: /srv/nextcloud}\n' },
    { input: 'RUN', name: ':O overlays the host directory; writes never reach it', code: 'podman run -v /srv/src:/src:O -d alpine:3.20\n' },
    { input: 'K8S', name: 'read-only hostPath', code: pod('          readOnly: true\n') },
    { input: 'K8S', name: 'not a host path', code: pod('', 'emptyDir: {}') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - /srv/data:/data:ro\n      - cache:/cache\n' },
    { input: 'CMP', name: 'long syntax', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - type: bind\n        source: /srv/data\n        target: /data\n        read_only: true\n' },
    { input: 'RUN', code: 'podman run -v /srv/data:/data:ro,Z -d nginx:1\n' },
    { input: 'RUN', name: '--mount readonly', code: 'docker run --mount type=bind,src=/srv/data,dst=/data,readonly nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nVolume=/srv/data:/data:ro\n' },
  ],
  invalid: [
    {
      input: 'CMP',
      name: 'a bind-backed named volume two services write: once, at device:',
      code: 'services:\n  app:\n    image: nextcloud:29\n    volumes: [data:/var/www/html]\n  cron:\n    image: nextcloud:29\n    volumes: [data:/var/www/html]\nvolumes:\n  data:\n    driver_opts: {type: none, o: bind, device: /srv/nextcloud}\n',
      errors: [{ line: 10, column: 48, messageId: 'writable', message: /^Services "app" and "cron" mount the host path \/srv\/nextcloud writable at \/var\/www\/html:/ }],
    },
    { input: 'CMP', name: 'a named volume whose driver_opts bind a host directory', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - data:/data\nvolumes:\n  data:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /srv/web-data\n', errors: [{ line: 12, column: 15 }] },
    { input: 'K8S', name: 'no readOnly', code: pod(''), errors: [{ line: 13, column: 17, messageId: 'writable', message: /Container "app" mounts the host path \/srv\/data writable at \/data: make it read-only \(volumeMounts\[\]\.readOnly: true\)/ }] },
    { input: 'K8S', name: 'readOnly: false', code: pod('          readOnly: false\n'), errors: [{ line: 14, column: 17, messageId: 'explicit' }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - /srv/data:/data\n', errors: [{ line: 5, column: 9, message: /Service "web" mounts the host path \/srv\/data writable/ }] },
    { input: 'CMP', name: 'relative bind', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - ./data:/data:rw\n', errors: [{ line: 5, column: 9, messageId: 'explicit' }] },
    { input: 'K8S', name: 'a socket: read-only would not help', code: pod('', 'hostPath: {path: /run/app/app.sock}'), errors: [{ line: 13, column: 17, messageId: 'socket', message: /read-only would not help/ }] },
    { input: 'RUN', code: 'podman run -v /srv/data:/data:Z -d nginx:1\n', errors: [{ line: 1, column: 12, message: /:ro/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nVolume=/srv/data:/data\n', errors: [{ line: 3, column: 1 }] },
  ],
});
