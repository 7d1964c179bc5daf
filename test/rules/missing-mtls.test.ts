import rule from '../../src/rules/missing-mtls.js';
import { ruleTester } from './rule-tester.js';

const deploy = (ns: string, podMeta = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels:\n        app: web\n${podMeta}    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n`;
const namespace = (name: string, meta: string) => `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${meta}`;
const strict = (ns: string, selector = '') => `---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: ${ns}\nspec:\n${selector}  mtls:\n    mode: STRICT\n`;

ruleTester(rule, {
  valid: [
    { input: 'K8S', name: 'istio-injection=enabled on the namespace', code: deploy('shop') + namespace('shop', '  labels:\n    istio-injection: enabled\n') },
    { input: 'K8S', name: 'istio.io/rev revision label', code: deploy('shop') + namespace('shop', '  labels:\n    istio.io/rev: prod-stable\n') },
    { input: 'K8S', name: 'STRICT PeerAuthentication for the namespace', code: deploy('shop') + strict('shop') },
    { input: 'K8S', name: 'mesh-wide STRICT from istio-system', code: deploy('shop') + strict('istio-system') },
    { input: 'K8S', name: 'STRICT for the workload by selector', code: deploy('shop') + strict('shop', '  selector:\n    matchLabels:\n      app: web\n') },
    { input: 'K8S', name: 'linkerd annotation on the namespace', code: deploy('shop') + namespace('shop', '  annotations:\n    linkerd.io/inject: enabled\n') },
    { input: 'K8S', name: 'linkerd annotation on the pod template', code: deploy('shop', '      annotations:\n        linkerd.io/inject: enabled\n') },
  ],
  invalid: [
    { input: 'K8S', name: 'no mesh signal at all', code: deploy('shop'), errors: [{ line: 4, column: 9, messageId: 'unprotected', message: /^Deployment "web" in namespace "shop" has no Istio or Linkerd sidecar injection and no STRICT mTLS PeerAuthentication covers it/ }] },
    { input: 'K8S', name: 'PERMISSIVE is not STRICT', code: deploy('shop') + strict('shop').replace('STRICT', 'PERMISSIVE'), errors: [{ line: 4, column: 9 }] },
    { input: 'K8S', name: 'a selector for other pods', code: deploy('shop') + strict('shop', '  selector:\n    matchLabels:\n      app: db\n'), errors: [{ line: 4, column: 9 }] },
    { input: 'K8S', name: 'another namespace is injected, not this one', code: deploy('shop') + namespace('other', '  labels:\n    istio-injection: enabled\n'), errors: [{ line: 4, column: 9 }] },
    { input: 'K8S', name: 'the pod opts out of injection', code: deploy('shop', '      annotations:\n        sidecar.istio.io/inject: "false"\n') + namespace('shop', '  labels:\n    istio-injection: enabled\n'), errors: [{ line: 4, column: 9 }] },
    { input: 'K8S', name: 'configured for Istio: Linkerd annotations do not count', settings: { options: { 'missing-mtls': { mesh: 'istio' } } }, code: deploy('shop', '      annotations:\n        linkerd.io/inject: enabled\n'), errors: [{ line: 4, column: 9, message: /has no Istio sidecar injection/ }] },
  ],
});
