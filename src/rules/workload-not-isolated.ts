/**
 * A workload that no NetworkPolicy selects for a direction has that direction wide
 * open, whatever other policies in the cluster say.
 */
import { defineRule } from './rule.js';
import { CIS_K8S_5_3_2, K8S_NETWORK_POLICIES, NSA_CISA_NETWORK } from '../network/rule-references.js';
import { indexNetwork, isolation, networkUnits, type NetworkInput } from '../network/index.js';

export default defineRule({
  id: 'workload-not-isolated',
  title: 'Workload not selected by any NetworkPolicy',
  severity: 'medium',
  inputs: ['K8S'],
  crossFile: true,
  rationale:
    'Until a NetworkPolicy selects a pod for ingress (or egress), every connection in that direction is allowed: a compromised neighbour can reach it, or it can reach anything.',
  remedy:
    'Select the workload with a NetworkPolicy for both ingress and egress (a namespace default deny does), and allow only the connections it needs.',
  references: [NSA_CISA_NETWORK, CIS_K8S_5_3_2, K8S_NETWORK_POLICIES],
  messages: {
    ingress: 'No NetworkPolicy in namespace "{{namespace}}" selects {{kind}} "{{name}}" for ingress: any pod or address can connect to it.',
    egress: 'No NetworkPolicy in namespace "{{namespace}}" selects {{kind}} "{{name}}" for egress: it can connect to any pod or address.',
  },
  check(ctx) {
    // Per deployment unit: a policy governs only what is deployed with it.
    for (const input of networkUnits(ctx.model)) checkUnit(input);
    function checkUnit(input: NetworkInput): void {
    const index = indexNetwork(input);
    for (const pod of input.pods) {
      const w = pod.workload!;
      const iso = isolation(index, pod);
      const data = { namespace: pod.namespace, kind: w.kind, name: pod.name };
      if (!iso.ingress) ctx.report({ messageId: 'ingress', data, loc: w.loc, target: w });
      if (!iso.egress) ctx.report({ messageId: 'egress', data, loc: w.loc, target: w });
    }
    }
  },
});
