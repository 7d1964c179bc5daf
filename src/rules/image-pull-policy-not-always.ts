/**
 * image-pull-policy-not-always: with `IfNotPresent`/`Never`, a private image
 * pulled once onto a node can be started by any pod on that node, with or
 * without the pull secret; `Always` makes the kubelet check credentials each time.
 */
import { effectiveImagePullPolicy } from '../model/image-reference.js';
import { defineRule } from './rule.js';
import { containerSubject } from './support/subject.js';

export default defineRule({
  id: 'image-pull-policy-not-always',
  title: 'imagePullPolicy is not Always',
  severity: 'low',
  inputs: ['K8S'],
  rationale:
    'When the kubelet reuses a cached image it does not check that the pod may pull it, so a private image cached on a node can be run by other pods without credentials; a tagged image may also have been replaced at the registry.',
  remedy: 'Set `imagePullPolicy: Always` (or enable the AlwaysPullImages admission plugin).',
  references: [
    { title: 'CIS Kubernetes Benchmark 1.2.11: Ensure that the admission control plugin AlwaysPullImages is set' },
    { title: 'Kubernetes documentation: Images, image pull policy', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy' },
  ],
  messages: {
    written: '{{subject}} sets imagePullPolicy: {{policy}}: set imagePullPolicy: Always so credentials are checked on every start.',
    defaulted: '{{subject}} gets the default imagePullPolicy {{policy}} for a tagged image: set imagePullPolicy: Always.',
  },
  fix: {
    automatic: true,
    effect: "K8S: `imagePullPolicy: Always` on containers that set none. An explicit `IfNotPresent` or `Never` is left for a decision.",
    risk: "every pod start contacts the registry: a registry outage delays starts; pulls count against rate limits (cached layers are not downloaded again).",
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const policy = effectiveImagePullPolicy(c);
      if (!policy || policy.dynamic || policy.value === 'Always') continue;
      const data = { subject: containerSubject(c), policy: policy.value };
      ctx.report({ messageId: c.imagePullPolicy ? 'written' : 'defaulted', data, loc: policy.loc, target: c });
    }
  },
});
