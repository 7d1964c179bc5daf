import rule from '../../src/rules/service-account-token-mounted.js';
import { ruleTester } from './rule-tester.js';

const deployment = (spec = '', ns = 'apps') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  template:\n    spec:\n${spec}      containers:\n        - name: app\n          image: x:1\n`;

const account = (name: string, automount: string, ns = 'apps') =>
  `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${automount}`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'the pod opts out', code: deployment('      automountServiceAccountToken: false\n') },
    { input: 'K8S', name: 'the pod opts out, overriding its account', code: deployment('      automountServiceAccountToken: false\n') + account('default', 'automountServiceAccountToken: true\n') },
    { input: 'K8S', name: 'its named account opts out', code: deployment('      serviceAccountName: web\n') + account('web', 'automountServiceAccountToken: false\n') },
    { input: 'K8S', name: 'the default account opts out', code: deployment() + account('default', 'automountServiceAccountToken: false\n') },
  ],
  invalid: [
    { input: 'K8S', name: 'nothing set, account not scanned', code: deployment(), errors: [{ line: 4, column: 9, messageId: 'notInScan', message: /^Deployment "web" gets the API token of ServiceAccount "default" mounted unless that ServiceAccount \(not among the scanned files\)/ }] },
    { input: 'K8S', name: 'the pod opts in over its account', code: deployment('      automountServiceAccountToken: true\n') + account('default', 'automountServiceAccountToken: false\n'), errors: [{ line: 9, column: 37, messageId: 'podEnables' }] },
    { input: 'K8S', name: 'the account says nothing', code: deployment('      serviceAccountName: web\n') + account('web', ''), errors: [{ line: 4, column: 9, messageId: 'neitherDisables', message: /ServiceAccount "web"/ }] },
    { input: 'K8S', name: 'the account opts in', code: deployment('      serviceAccountName: web\n') + account('web', 'automountServiceAccountToken: true\n'), errors: [{ line: 4, column: 9, messageId: 'accountEnables' }] },
    { input: 'K8S', name: 'an opted-out account of another namespace does not count', code: deployment('      serviceAccountName: web\n') + account('web', 'automountServiceAccountToken: false\n', 'other'), errors: [{ line: 4, column: 9, messageId: 'notInScan' }] },
    { input: 'K8S', name: 'an opted-out account with another name does not count', code: deployment() + account('web', 'automountServiceAccountToken: false\n'), errors: [{ line: 4, column: 9, messageId: 'notInScan', message: /"default"/ }] },
  ],
});
