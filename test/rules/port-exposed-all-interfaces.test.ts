import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule, { isWildcardAddress } from '../../src/rules/port-exposed-all-interfaces.js';
import { ruleTester } from './rule-tester.js';

const pod = (ports: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: web\n      image: nginx:1\n      ports:\n${ports}`;

test('wildcard addresses', () => {
  for (const a of ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', '::0', '']) assert.equal(isWildcardAddress(a), true, a);
  for (const a of ['127.0.0.1', '::1', '[::1]', '10.0.0.5', 'fe80::1']) assert.equal(isWildcardAddress(a), false, a);
});

ruleTester(rule, {
  valid: [
    { input: 'CMP', name: 'an address in published (long syntax)', code: 'services:\n  web:\n    image: nginx:1\n    ports:\n      - target: 80\n        published: "127.0.0.1:8080"\n' },
    { input: 'K8S', name: 'a container port is not published', code: pod('        - containerPort: 8080\n') },
    { input: 'K8S', name: 'hostPort bound to one address', code: pod('        - containerPort: 8080\n          hostPort: 8080\n          hostIP: 127.0.0.1\n') },
    { input: 'K8S', name: 'hostPort 0 means none', code: pod('        - containerPort: 8080\n          hostPort: 0\n') },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    ports:\n      - "127.0.0.1:8080:80"\n      - "[::1]:8443:443"\n    expose: ["9000"]\n' },
    { input: 'CMP', name: 'long syntax', code: 'services:\n  web:\n    image: nginx:1\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n' },
    { input: 'RUN', code: 'podman run -p 127.0.0.1:8080:80 -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nPublishPort=127.0.0.1:8080:80\n' },
    { input: 'QL', name: 'a Quadlet pod bound to one address', code: '[Pod]\nPublishPort=127.0.0.1:8080:80\nPublishPort=[::1]:8443:8443\n' },
  ],
  invalid: [
    { input: 'K8S', name: 'hostNetwork: the process binds the host interfaces itself', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers:\n    - name: dns\n      image: coredns/coredns:1.11.1\n      ports:\n        - containerPort: 53\n          hostPort: 53\n          hostIP: 127.0.0.1\n', errors: [{ line: 11, column: 21, messageId: 'hostNetwork', message: /uses the host network, so its process binds container port 53 on the host's interfaces itself/ }] },
    { input: 'CMP', name: 'network_mode: host discards published ports', code: 'services:\n  pihole:\n    image: pihole/pihole:2024.07.0\n    network_mode: host\n    ports:\n      - "53:53/udp"\n', errors: [{ line: 6, column: 9, messageId: 'hostNetworkDiscarded', message: /^Service "pihole" uses the host network, so the engine discards this published port and the process binds container port 53/ }] },
    { input: 'RUN', name: '--network host discards -p', code: 'docker run --network host -p 8080:80 -d nginx:1.27\n', errors: [{ line: 1, column: 27, messageId: 'hostNetworkDiscarded' }] },
    { input: 'QL', name: 'Network=host discards PublishPort=', code: '[Container]\nImage=nginx:1.27\nNetwork=host\nPublishPort=8080:80\n', errors: [{ line: 4, column: 1, messageId: 'hostNetworkDiscarded' }] },
    { input: 'CMP', name: 'long syntax with a published range and no address', code: 'services:\n  web:\n    image: nginx:1\n    ports:\n      - target: 80\n        published: "8000-8010"\n', errors: [{ line: 5, column: 9, message: /publishes host port 8000/ }] },
    {
      input: 'K8S',
      code: pod('        - containerPort: 8080\n          hostPort: 8080\n'),
      errors: [{ line: 10, column: 21, messageId: 'allInterfaces', message: /^Container "web" publishes host port 8080 \(container port 8080\) on every host interface: bind it to one address \(hostIP: 127.0.0.1/ }],
    },
    { input: 'K8S', name: 'explicit 0.0.0.0', code: pod('        - containerPort: 8080\n          hostPort: 8080\n          hostIP: 0.0.0.0\n'), errors: [{ line: 10, column: 21, messageId: 'wildcard' }] },
    { input: 'K8S', name: 'an empty hostIP is no address', code: pod('        - containerPort: 8080\n          hostPort: 8080\n          hostIP: ""\n'), errors: [{ line: 10, column: 21, messageId: 'allInterfaces' }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    ports:\n      - "8080:80"\n', errors: [{ line: 5, column: 9, message: /^Service "web" publishes host port 8080 \(container port 80\) on every host interface.*"127.0.0.1:8080:80"\]/ }] },
    { input: 'RUN', name: 'host port 0: one the engine picks', code: 'docker run -p 0:80 -d nginx:1\n', errors: [{ line: 1, column: 12, message: /publishes a random host port \(container port 80\)/ }] },
    { input: 'CMP', name: 'explicit ::', code: 'services:\n  web:\n    image: nginx:1\n    ports:\n      - "[::]:8080:80"\n', errors: [{ line: 5, column: 9, messageId: 'wildcard' }] },
    // Only a container port given: the engine publishes it on a random host port, on every interface.
    { input: 'RUN', name: 'random host port', code: 'podman run -p 80 -d nginx:1\n', errors: [{ line: 1, column: 12, message: /publishes a random host port \(container port 80\) on every host interface/ }] },
    { input: 'CMP', name: 'random host port', code: 'services:\n  web:\n    image: nginx:1\n    ports: ["80"]\n', errors: [{ line: 4, column: 13, message: /random host port/ }] },
    { input: 'QL', name: 'random host port', code: '[Container]\nImage=nginx:1\nPublishPort=80\n', errors: [{ line: 3, column: 1, message: /random host port/ }] },
    { input: 'RUN', name: '-P publishes everything the image exposes', code: 'docker run -P -d nginx:1\n', errors: [{ line: 1, column: 12, endColumn: 14, messageId: 'publishAll' }] },
    { input: 'RUN', code: 'docker run -p 8080:80 -d nginx:1\n', errors: [{ line: 1, column: 12, message: /-p 127.0.0.1:8080:80\)/ }] },
    { input: 'RUN', name: '0.0.0.0', code: 'docker run -p 0.0.0.0:8080:80 -d nginx:1\n', errors: [{ line: 1, column: 12, messageId: 'wildcard' }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nPublishPort=8080:80\n', errors: [{ line: 3, column: 1, message: /PublishPort=127.0.0.1/ }] },
    {
      input: 'QL',
      name: 'a Quadlet pod publishes for the containers that join it',
      code: '[Pod]\nPodName=web\nPublishPort=8080:80\nPublishPort=0.0.0.0:8443:8443\n',
      errors: [
        { line: 3, column: 1, message: /^Quadlet unit "web" publishes host port 8080 \(container port 80\).*PublishPort=127\.0\.0\.1:8080:80/ },
        { line: 4, column: 1, messageId: 'wildcard' },
      ],
    },
  ],
});
