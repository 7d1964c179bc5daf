/**
 * A namespace with workloads needs a policy selecting every pod that denies ingress
 * and egress unless another policy allows it: the "jailed" baseline.
 */
import { defineRule } from './rule.js';
import { CIS_K8S_5_3_2, K8S_NETWORK_POLICIES, NSA_CISA_NETWORK } from '../network/rule-references.js';
import { namespaceDefaultDeny, networkUnits } from '../network/index.js';
import type { Location } from '../model/location.js';

export default defineRule({
  id: 'missing-default-deny-policy',
  title: 'Namespace without a default-deny NetworkPolicy',
  severity: 'medium',
  inputs: ['K8S'],
  crossFile: true,
  rationale:
    'Pods accept and open any connection until a NetworkPolicy selects them. A default deny for the whole namespace makes every new workload closed until a narrow policy opens what it needs.',
  remedy:
    'Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress, Egress]` to the namespace (allowing DNS to kube-system), then allow each needed connection explicitly. `seaworthy netpol --suggest` writes one.',
  references: [NSA_CISA_NETWORK, CIS_K8S_5_3_2, K8S_NETWORK_POLICIES],
  messages: {
    none: 'Namespace "{{namespace}}" has no default-deny NetworkPolicy (`podSelector: {}`) for ingress and egress.',
    ingress: 'Namespace "{{namespace}}" denies egress by default but not ingress: no policy with `podSelector: {}` isolates ingress.',
    egress: 'Namespace "{{namespace}}" denies ingress by default but not egress: no policy with `podSelector: {}` isolates egress.',
  },
  check(ctx) {
    // Per deployment unit: a policy governs only what is deployed with it.
    for (const input of networkUnits(ctx.model)) {
    const firstWorkloadLoc = new Map<string, Location>();
    for (const p of input.pods) {
      if (p.workload && !firstWorkloadLoc.has(p.namespace)) firstWorkloadLoc.set(p.namespace, p.workload.loc);
    }
    for (const [namespace, workloadLoc] of firstWorkloadLoc) {
      const deny = namespaceDefaultDeny(input.policies.filter((p) => p.namespace === namespace));
      if (deny.ingress && deny.egress) continue;
      const nsObject = input.namespaces.find((n) => n.name === namespace)?.source;
      ctx.report({
        messageId: !deny.ingress && !deny.egress ? 'none' : !deny.ingress ? 'ingress' : 'egress',
        data: { namespace },
        loc: nsObject?.loc ?? workloadLoc,
        resource: { kind: 'Namespace', name: namespace },
      });
    }
    }
  },
});
