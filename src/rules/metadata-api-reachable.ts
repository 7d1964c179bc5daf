/**
 * Egress to the cloud metadata API (169.254.169.254) hands a pod the node's cloud
 * credentials on many providers; policies should leave it out.
 */
import { defineRule } from './rule.js';
import { K8S_NETWORK_POLICIES, NSA_CISA_NETWORK } from '../network/rule-references.js';
import { admissions, indexNetwork, isEmptyPorts, networkUnits, resolvePorts } from '../network/index.js';
import { locAt } from '../sources/yaml/yaml-node.js';

/** The link-local address AWS, GCP, Azure and others serve instance metadata on. */
export const METADATA_API_ADDRESS = '169.254.169.254';

export default defineRule({
  id: 'metadata-api-reachable',
  title: 'Cloud metadata API reachable',
  severity: 'medium',
  inputs: ['K8S'],
  crossFile: true,
  rationale:
    'The metadata API at 169.254.169.254 gives out instance credentials and configuration. A pod that can reach it can often act as the node in the cloud account.',
  remedy:
    'Isolate egress with a NetworkPolicy and allow only what the workload needs; when an ipBlock must cover 0.0.0.0/0, add `except: [169.254.169.254/32]`.',
  references: [NSA_CISA_NETWORK, K8S_NETWORK_POLICIES, { title: 'Kubernetes: Restricting cloud metadata API access', url: 'https://kubernetes.io/docs/tasks/administer-cluster/securing-a-cluster/#restricting-cloud-metadata-api-access' }],
  messages: {
    unrestricted: '{{kind}} "{{name}}" has no egress NetworkPolicy, so it can reach the cloud metadata API at 169.254.169.254.',
    ipBlock: 'NetworkPolicy "{{policy}}" lets {{kind}} "{{name}}" reach the cloud metadata API: ipBlock {{cidr}} contains 169.254.169.254 and no `except` removes it.',
    anyDestination: 'NetworkPolicy "{{policy}}" lets {{kind}} "{{name}}" reach the cloud metadata API: this egress rule allows every destination.',
  },
  check(ctx) {
    // Per deployment unit: a policy governs only what is deployed with it.
    for (const input of networkUnits(ctx.model)) {
    const index = indexNetwork(input);
    for (const pod of input.pods) {
      const w = pod.workload!;
      const base = { kind: w.kind, name: pod.name };
      const admitted = admissions(index, pod, 'egress', { ip: METADATA_API_ADDRESS });
      if (!admitted) {
        ctx.report({ messageId: 'unrestricted', data: base, loc: w.loc, target: w });
        continue;
      }
      for (const a of admitted) {
        const rule = a.policy.egress[a.ruleIndex]!;
        // Named ports never match an address: such a rule lets nothing through to it.
        if (isEmptyPorts(resolvePorts(rule.ports, undefined))) continue;
        const node = a.policy.source?.node;
        const data = { ...base, policy: a.policy.name };
        if (a.peerIndex === undefined) {
          ctx.report({ messageId: 'anyDestination', data, loc: node ? locAt(node, ['spec', 'egress', a.ruleIndex]) : w.loc, target: w });
        } else {
          const cidr = rule.peers![a.peerIndex]!.ipBlock!.cidr;
          const loc = node ? locAt(node, ['spec', 'egress', a.ruleIndex, 'to', a.peerIndex, 'ipBlock', 'cidr']) : w.loc;
          ctx.report({ messageId: 'ipBlock', data: { ...data, cidr }, loc, target: w });
        }
      }
    }
    }
  },
});
