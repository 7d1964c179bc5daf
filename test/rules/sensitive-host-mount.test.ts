import rule from '../../src/rules/sensitive-host-mount.js';
import { ruleTester } from './rule-tester.js';

const pod = (path: string, readOnly = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: x:1\n      volumeMounts:\n        - name: host\n          mountPath: /host\n${readOnly}  volumes:\n    - name: host\n      hostPath:\n        path: ${path}\n`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'an application directory', code: pod('/srv/data') },
    { input: 'K8S', name: 'read-only log directory (log shippers)', code: pod('/var/log', '          readOnly: true\n') },
    { input: 'K8S', name: 'read-only timezone file', code: pod('/etc/localtime', '          readOnly: true\n') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - ./etc:/etc/nginx:ro\n      - /srv/www:/usr/share/nginx/html:ro\n' },
    { input: 'RUN', code: 'podman run -v /etc/localtime:/etc/localtime:ro -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nVolume=/srv/data:/data:ro\n' },
    { input: 'CMP', name: 'an application directory under /etc (pihole)', code: 'services:\n  pihole:\n    image: pihole/pihole:2024.07.0\n    volumes:\n      - /etc/pihole:/etc/pihole\n      - /etc/dnsmasq.d:/etc/dnsmasq.d\n' },
    { input: 'RUN', name: 'the syslog socket', code: 'docker run -v /dev/log:/dev/log -d rsyslog/syslog_appliance_alpine:8.2404.0\n' },
    { input: 'K8S', name: 'an application directory under /usr/share', code: pod('/usr/share/appdata/x') },
    { input: 'QL', name: "a data folder in a system unit's home directory (%h is /root)", code: '[Container]\nImage=nginx:1\nVolume=%h/data:/data:ro\n' },
  ],
  invalid: [
    { input: 'CMP', name: 'driver_opts bind of /etc through a named volume', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - type: volume\n        source: hostetc\n        target: /host-etc\n        read_only: true\nvolumes:\n  hostetc:\n    driver_opts: {type: none, o: bind, device: /etc}\n', errors: [{ line: 11, column: 48, messageId: 'path' }] },
    { input: 'K8S', name: 'docker socket under /var/run', code: pod('/var/run/docker.sock'), errors: [{ line: 14, column: 9, messageId: 'socket', message: /Container "app" mounts \/var\/run\/docker.sock from the host, which gives it the container runtime API/ }] },
    { input: 'K8S', name: 'containerd socket dir', code: pod('/run/containerd/'), errors: [{ line: 14, column: 9, messageId: 'socket' }] },
    { input: 'K8S', name: 'the parent of the sockets', code: pod('/var/run'), errors: [{ line: 14, column: 9, messageId: 'containsSocket' }] },
    { input: 'K8S', name: 'host root', code: pod('/'), errors: [{ line: 14, column: 9, messageId: 'path', message: /sensitive host path \/ \(the host's whole filesystem\)/ }] },
    { input: 'K8S', name: 'etc even read-only', code: pod('/etc', '          readOnly: true\n'), errors: [{ line: 15, column: 9, messageId: 'path' }] },
    { input: 'K8S', name: 'dot-dot into proc', code: pod('/srv/../proc'), errors: [{ line: 14, column: 9, messageId: 'path' }] },
    { input: 'K8S', name: 'kubelet state', code: pod('/var/lib/kubelet/pods'), errors: [{ line: 14, column: 9, messageId: 'path' }] },
    { input: 'K8S', name: 'a parent of the kubelet state', code: pod('/var/lib'), errors: [{ line: 14, column: 9, messageId: 'containsPath', message: /contains \/var\/lib\/kubelet/ }] },
    { input: 'K8S', name: 'writable log directory', code: pod('/var/log'), errors: [{ line: 14, column: 9, messageId: 'path' }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n', errors: [{ line: 5, column: 9, messageId: 'socket', message: /^Service "web"/ }] },
    { input: 'CMP', name: 'long syntax', code: 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - type: bind\n        source: /proc\n        target: /host/proc\n', errors: [{ line: 5, column: 9, messageId: 'path' }] },
    { input: 'RUN', code: 'docker run -v /run/podman/podman.sock:/run/podman/podman.sock -d quay.io/podman/stable:v5\n', errors: [{ line: 1, column: 12, messageId: 'socket' }] },
    { input: 'RUN', name: '--mount', code: 'docker run --mount type=bind,source=/etc,target=/host/etc,readonly alpine:3\n', errors: [{ line: 1, column: 12, messageId: 'path' }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nVolume=/sys:/host/sys:ro\n', errors: [{ line: 3, column: 1, messageId: 'path' }] },
    { input: 'QL', name: 'the home directory\'s SSH keys through a specifier', code: '[Container]\nImage=nginx:1\nVolume=%h/.ssh:/keys:ro\n', errors: [{ line: 3, column: 1, messageId: 'path', message: /\/root\/\.ssh \(root's SSH keys\)/ }] },
    { input: 'QL', name: 'the podman socket in the runtime directory', code: '[Container]\nImage=nginx:1\nVolume=%t/podman/podman.sock:/run/podman.sock\n', errors: [{ line: 3, column: 1, messageId: 'socket' }] },
    { input: 'QL', name: 'Unmask=ALL', code: '[Container]\nImage=nginx:1\nUnmask=ALL\n', errors: [{ line: 3, column: 8, messageId: 'unmasked', message: /unmasks every masked path, which .*: remove that option\.$/ }] },
    { input: 'RUN', name: "Docker's systempaths=unconfined names no unmask option", code: 'docker run --security-opt systempaths=unconfined -d alpine:3.20\n', errors: [{ line: 1, column: 12, messageId: 'unmasked', message: /unmasks every masked path, which .*: remove that option\.$/ }] },
    { input: 'RUN', name: '--security-opt unmask=/proc/kcore', code: 'podman run --security-opt unmask=/proc/kcore -d alpine:3.20\n', errors: [{ line: 1, column: 34, messageId: 'unmasked', message: /unmasks \/proc\/kcore/ }] },
    { input: 'K8S', name: 'an SSH key directory under /etc says so', code: pod('/etc/ssh'), errors: [{ line: 14, column: 9, messageId: 'path', message: /\(the host's SSH keys and sshd configuration\)/ }] },
    {
      input: 'K8S',
      name: 'one hostPath volume, two containers: once, at the volume, both named',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: ci-runner}\nspec:\n  containers:\n    - name: runner\n      image: gitlab/gitlab-runner:v17.4.0\n      volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]\n    - name: dind-helper\n      image: docker:27.3-cli\n      volumeMounts: [{name: sock, mountPath: /var/run/docker.sock, readOnly: true}]\n  volumes:\n    - name: sock\n      hostPath: {path: /var/run/docker.sock, type: Socket}\n',
      errors: [{ line: 14, column: 17, endColumn: 59, messageId: 'socket', message: /^Containers "runner" and "dind-helper" mount \/var\/run\/docker\.sock from the host, which gives them the container runtime API/ }],
    },
    {
      input: 'QL',
      name: 'a .volume unit that binds /etc, at its Device=',
      code: '[Container]\nImage=nginx:1\nVolume=hostetc.volume:/host/etc\n',
      files: { 'hostetc.volume': '[Unit]\nDescription=host configuration\n\n[Volume]\nDevice=/etc\nOptions=bind,ro\n' },
      errors: [{ line: 5, column: 1, endColumn: 12, messageId: 'path' }],
    },
    { input: 'CMP', name: 'a block device', code: 'services:\n  x:\n    image: alpine:3.20\n    volumes:\n      - /dev/sda:/dev/sda\n', errors: [{ line: 5, column: 9, messageId: 'path', message: /host device nodes/ }] },
  ],
});
