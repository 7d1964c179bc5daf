import rule from '../../src/rules/host-network.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'CMP', name: 'network_mode: service:x joins a service on its own network', code: 'services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n    cap_add: [NET_ADMIN]\n  torrent:\n    image: lscr.io/linuxserver/qbittorrent:4.6.7\n    network_mode: service:vpn\n' },
    { input: 'K8S', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: false\n  containers:\n    - name: app\n      image: x:1\n' },
    { input: 'K8S', name: 'not set', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: x:1\n' },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    network_mode: bridge\n' },
    { input: 'RUN', code: 'podman run --network slirp4netns -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nNetwork=app.network\n' },
  ],
  invalid: [
    { input: 'QL', name: 'Network=x.container reuses a host-network container\'s stack', code: '[Container]\nImage=docker.io/library/nginx:1.27\nNetwork=gateway.container\n', files: { 'gateway.container': '[Container]\nImage=docker.io/library/haproxy:3.0\nLabel=role=edge\nNetwork=host\n' }, errors: [{ line: 3, column: 1, messageId: 'hostNetwork' }, { line: 4, column: 1, messageId: 'hostNetwork' }] },
    {
      input: 'CMP',
      name: 'network_mode: service:x joins a service on the host network',
      code: 'services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n    network_mode: host\n  torrent:\n    image: lscr.io/linuxserver/qbittorrent:4.6.7\n    network_mode: service:vpn\n',
      errors: [{ line: 4, column: 5, messageId: 'hostNetwork' }, { line: 7, column: 5, messageId: 'hostNetwork', message: /^Service "torrent"/ }],
    },
    {
      input: 'K8S',
      name: 'reported once per workload, not per container',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n        - name: a\n          image: x:1\n        - name: b\n          image: x:1\n',
      errors: [{ line: 7, column: 20, messageId: 'hostNetwork', message: /^DaemonSet "agent" uses the host's network namespace \(hostNetwork: true\)/ }],
    },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    network_mode: host\n', errors: [{ line: 4, column: 5, message: /^Service "web" .*network_mode: host/ }] },
    { input: 'RUN', code: 'docker run --net=host -d nginx:1\n', errors: [{ line: 1, column: 12, message: /--network host/ }] },
    { input: 'RUN', name: 'separate value', code: 'podman run --network host -d nginx:1\n', errors: [{ line: 1, column: 12 }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nNetwork=host\n', errors: [{ line: 3, column: 1, message: /^Quadlet unit .*Network=host/ }] },
  ],
});
