import rule from '../../src/rules/untrusted-registry.js';
import { ruleTester } from './rule-tester.js';

const pod = (image: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;
const trusted = { trustedRegistries: ['registry.example.com', 'docker.io/library'] };

ruleTester(rule, {
  valid: [
    { input: 'K8S', code: pod('quay.io/evil/app:1'), name: 'silent when no registry is configured' },
    { input: 'K8S', code: pod('registry.example.com/team/app:1'), settings: trusted },
    { input: 'K8S', code: pod('nginx:1'), settings: trusted, name: 'short names normalise to docker.io/library' },
    { input: 'DF', code: 'FROM registry.example.com/base:1 AS b\nFROM scratch\nCOPY --from=b /x /x\n', settings: trusted },
    { input: 'CMP', code: 'services:\n  web:\n    image: registry.example.com/web:1\n', settings: trusted },
    { input: 'RUN', code: 'podman run -d docker.io/library/nginx:1\n', settings: trusted },
    { input: 'QL', code: '[Container]\nImage=registry.example.com/web:1\n', settings: trusted },
  ],
  invalid: [
    { input: 'K8S', code: pod('quay.io/evil/app:1'), settings: trusted, errors: [{ line: 7, column: 14, messageId: 'untrusted', message: /quay\.io\/evil\/app/ }] },
    { input: 'K8S', code: pod('registry.example.com.evil.io/app:1'), settings: trusted, name: 'prefix matches whole components', errors: [{ line: 7, column: 14 }] },
    { input: 'K8S', code: pod('bitnami/nginx:1'), settings: trusted, errors: [{ line: 7, column: 14, message: /docker\.io\/bitnami\/nginx/ }] },
    { input: 'DF', code: 'FROM ghcr.io/acme/base:1\n', settings: trusted, errors: [{ line: 1, column: 6 }] },
    { input: 'CMP', code: 'services:\n  web:\n    image: ghcr.io/acme/web:1\n', settings: trusted, errors: [{ line: 3, column: 5 }] },
    { input: 'RUN', code: 'podman run -d ghcr.io/acme/web:1\n', settings: trusted, errors: [{ line: 1, column: 15 }] },
    { input: 'QL', code: '[Container]\nImage=ghcr.io/acme/web:1\n', settings: trusted, errors: [{ line: 2, column: 1 }] },
  ],
});
