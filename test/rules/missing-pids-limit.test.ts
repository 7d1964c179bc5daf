import rule from '../../src/rules/missing-pids-limit.js';
import { ruleTester } from './rule-tester.js';

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'not a Kubernetes setting', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: x:1\n' },
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n    pids_limit: 200\n' },
    { input: 'RUN', code: 'podman run --pids-limit 200 -d nginx:1\n' },
    { input: 'QL', code: '[Container]\nImage=nginx:1\nPidsLimit=200\n' },
  ],
  invalid: [
    { input: 'CMP', code: 'services:\n  web:\n    image: nginx:1\n', errors: [{ line: 2, column: 3, messageId: 'dockerOnly', message: /^Service "web" has no process-count limit under Docker Compose \(podman-compose would apply Podman's default of 2048\): set pids_limit\.$/ }] },
    { input: 'CMP', name: '-1 is unlimited', code: 'services:\n  web:\n    image: nginx:1\n    pids_limit: -1\n', errors: [{ line: 4, column: 5, messageId: 'unlimited' }] },
    { input: 'RUN', code: 'docker run -d nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'missing', message: /has no process-count limit: set --pids-limit/ }] },
    { input: 'RUN', name: 'podman applies its default of 2048', code: 'podman run -d docker.io/library/nginx:1.27\n', errors: [{ line: 1, column: 1, messageId: 'podmanDefault', message: /sets no process-count limit of its own, so it is bounded only by Podman's default of 2048 \(containers.conf pids_limit\), whatever/ }] },
    { input: 'QL', code: '[Container]\nImage=nginx:1\n', errors: [{ line: 1, column: 1, messageId: 'podmanDefault', message: /Podman's default of 2048 \(containers.conf pids_limit\) and, unless TasksMax= lifts it, systemd's DefaultTasksMax for the service, whatever the workload needs: set PidsLimit=/ }] },
    { input: 'QL', name: 'TasksMax=infinity lifts the service bound', code: '[Container]\nImage=nginx:1\n\n[Service]\nTasksMax=infinity\n', errors: [{ line: 1, column: 1, messageId: 'podmanDefault' }] },
  ],
});
