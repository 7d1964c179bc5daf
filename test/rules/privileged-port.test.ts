import rule from '../../src/rules/privileged-port.js';
import { ruleTester } from './rule-tester.js';

const pod = (container: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n${container}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('      securityContext: {runAsNonRoot: true}\n      ports:\n        - containerPort: 8080\n') },
    { input: 'K8S', code: pod('      ports:\n        - containerPort: 80\n'), name: 'a root container binds any port (run-as-root reports it)' },
    { input: 'K8S', code: pod('      securityContext:\n        runAsNonRoot: true\n        capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}\n      ports:\n        - containerPort: 80\n'), name: 'NET_BIND_SERVICE granted' },
    { input: 'DF', code: 'FROM nginx:1.27\nUSER 101\nEXPOSE 8080\n' },
    { input: 'DF', code: 'FROM nginx:1.27\nEXPOSE 80\n', name: 'runs as root' },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    user: "101"\n    ports:\n      - "80:8080"\n', name: 'host port 80 maps to 8080 inside' },
    { input: 'RUN', code: 'podman run --user 101 -p 80:8080 nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nUser=101\nPublishPort=80:8080\n' },
    // Docker gives a private network namespace net.ipv4.ip_unprivileged_port_start=0 (engine-defaults.ts).
    { input: 'RUN', code: 'docker run --user 101 -p 8080:80 nginx:1\n', name: 'Docker lets any user bind low ports in its own network namespace' },
    { input: 'RUN', code: 'podman run --user 101 --sysctl net.ipv4.ip_unprivileged_port_start=80 -p 8080:80 nginx:1\n', name: 'the sysctl lowered to the port' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nUser=101\nSysctl=net.ipv4.ip_unprivileged_port_start=0 net.ipv4.ping_group_range=0\nPublishPort=8080:443\n', name: 'Quadlet Sysctl=' },
  ],
  invalid: [
    {
      input: 'K8S',
      code: pod('      securityContext: {runAsNonRoot: true}\n      ports:\n        - containerPort: 80\n        - containerPort: 8443\n'),
      errors: [{ line: 10, column: 11, messageId: 'low', message: /"c".*port 80,/ }],
    },
    { input: 'DF', code: 'FROM nginx:1.27\nUSER 101\nEXPOSE 80/tcp 8080\n', errors: [{ line: 3, column: 8, message: /port 80/ }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    user: "101"\n    ports:\n      - "8080:80"\n', errors: [{ line: 6, column: 9, message: /port 80/ }] },
    { input: 'RUN', code: 'podman run --user 101 -p 8080:80 nginx:1\n', errors: [{ line: 1, column: 23, message: /port 80/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nUser=101\nPublishPort=8080:443\n', errors: [{ line: 4, column: 1, message: /port 443/ }] },
    { input: 'RUN', code: 'docker run --user 101 --network host --expose 80 nginx:1\n', errors: [{ line: 1, column: 38, message: /port 80/ }], name: 'Docker on the host network: the host\'s 1024' },
    { input: 'RUN', code: 'podman run --user 101 --sysctl net.ipv4.ip_unprivileged_port_start=100 -p 8080:80 nginx:1\n', errors: [{ line: 1, column: 72, message: /port 80/ }], name: 'the sysctl above the port' },
  ],
});
