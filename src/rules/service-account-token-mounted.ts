/**
 * service-account-token-mounted: every pod gets its ServiceAccount's API token
 * mounted unless the pod or the ServiceAccount says no. Most workloads never call
 * the Kubernetes API, and for them the token is only a credential for an intruder.
 *
 * Kubernetes' precedence: the pod's `automountServiceAccountToken` wins; when the
 * pod says nothing, the ServiceAccount's decides; when neither does, it is mounted.
 */
import type { KubeObject } from '../model/kube-object.js';
import type { Location } from '../model/location.js';
import { childOf, nodeLoc } from '../sources/yaml/yaml-node.js';
import { defineRule } from './rule.js';
import { workloadSubject } from './support/subject.js';

/** The ServiceAccount `name` of `namespace` in the scanned set; no namespace reads as `default`. */
function findServiceAccount(accounts: readonly KubeObject[], name: string, namespace: string | undefined): KubeObject | undefined {
  const ns = namespace ?? 'default';
  return accounts.find((a) => a.name === name && (a.namespace ?? 'default') === ns);
}

/** Where a ServiceAccount decides about automounting: the field, or the object. */
function automountLoc(account: KubeObject): Location {
  const node = childOf(account.node, 'automountServiceAccountToken');
  return node ? nodeLoc(node) : account.loc;
}

export default defineRule({
  id: 'service-account-token-mounted',
  title: 'Service-account token mounted automatically',
  severity: 'low',
  inputs: ['K8S'],
  crossFile: true,
  rationale:
    "A mounted service-account token lets anyone who gets code execution in the pod call the Kubernetes API with the ServiceAccount's permissions, which are often broader than intended (the namespace's `default` account collects RoleBindings over time). Pods that never call the API do not need it.",
  remedy:
    'Set `automountServiceAccountToken: false` on the ServiceAccount (for every pod using it) or in the pod spec; pods that do call the API should use their own ServiceAccount with least-privilege RBAC.',
  references: [
    { title: 'CIS Kubernetes Benchmark 5.1.6: Ensure that Service Account Tokens are only mounted where necessary' },
    { title: 'CIS Kubernetes Benchmark 5.1.5: Ensure that default service accounts are not actively used' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Service account tokens' },
    { title: 'Kubernetes: Configure Service Accounts for Pods (opt out of API credential automounting)', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/' },
  ],
  messages: {
    podEnables: '{{subject}} sets automountServiceAccountToken: true, mounting the API token of ServiceAccount "{{account}}": set it to false unless the pod calls the Kubernetes API.',
    accountEnables:
      '{{subject}} gets the API token of ServiceAccount "{{account}}" mounted: that ServiceAccount sets automountServiceAccountToken: true and the pod spec does not override it. Set automountServiceAccountToken: false in the pod spec unless the pod calls the Kubernetes API.',
    neitherDisables:
      '{{subject}} gets the API token of ServiceAccount "{{account}}" mounted: neither the pod spec nor that ServiceAccount sets automountServiceAccountToken: false. Set it on either unless the pod calls the Kubernetes API.',
    notInScan:
      '{{subject}} gets the API token of ServiceAccount "{{account}}" mounted unless that ServiceAccount (not among the scanned files) disables it: set automountServiceAccountToken: false in the pod spec unless the pod calls the Kubernetes API.',
  },
  fix: {
    automatic: true,
    effect: "K8S: `automountServiceAccountToken: false` on the pod spec when unset.",
    risk: "a pod that calls the Kubernetes API with its token loses access; mount a projected token explicitly for such a pod.",
  },
  check(ctx) {
    const accounts = ctx.kubeObjects('ServiceAccount');
    for (const w of ctx.workloads()) {
      const pod = w.automountServiceAccountToken;
      if (pod?.dynamic || pod?.value === false) continue;
      const name = w.serviceAccountName?.value ?? 'default';
      const data = { subject: workloadSubject(w), account: name };
      if (pod?.value === true) {
        ctx.report({ messageId: 'podEnables', data, loc: pod.loc, target: w });
        continue;
      }
      const account = findServiceAccount(accounts, name, w.namespace);
      if (!account) {
        ctx.report({ messageId: 'notInScan', data, loc: w.loc, target: w });
        continue;
      }
      const decision = account.value['automountServiceAccountToken'];
      if (decision === false) continue;
      ctx.report({
        messageId: decision === true ? 'accountEnables' : 'neitherDisables',
        data,
        loc: w.loc,
        target: w,
        related: [{ message: `ServiceAccount "${name}"`, location: automountLoc(account) }],
      });
    }
  },
});
