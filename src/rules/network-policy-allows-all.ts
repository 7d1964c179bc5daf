/**
 * A policy rule without `from`/`to` admits every source or destination, which is
 * rarely what the author meant: `- {}`, `from: []`, or a rule with only ports.
 */
import { defineRule } from './rule.js';
import { K8S_NETWORK_POLICIES, NSA_CISA_NETWORK } from '../network/rule-references.js';
import { admitsEveryPeer, formatPorts, parseNetworkPolicy, resolvePorts } from '../network/index.js';
import { locAt } from '../sources/yaml/yaml-node.js';

export default defineRule({
  id: 'network-policy-allows-all',
  title: 'NetworkPolicy rule admits every peer',
  severity: 'low',
  inputs: ['K8S'],
  crossFile: true,
  rationale:
    'An ingress rule without `from` (or with `from: []`) lets every pod in the cluster and every address connect; an egress rule without `to` lets the pod reach anything, the metadata API included.',
  remedy: 'List the peers the rule is for: a podSelector, a namespaceSelector, or ipBlocks with the needed ranges.',
  references: [NSA_CISA_NETWORK, K8S_NETWORK_POLICIES],
  messages: {
    ingress: 'Ingress rule of NetworkPolicy "{{policy}}" admits every source ({{ports}}).',
    egress: 'Egress rule of NetworkPolicy "{{policy}}" admits every destination ({{ports}}).',
  },
  check(ctx) {
    for (const obj of ctx.kubeObjects('NetworkPolicy')) {
      if (!obj.apiVersion.startsWith('networking.k8s.io/')) continue;
      const policy = parseNetworkPolicy(obj.value, obj);
      const resource = { kind: 'NetworkPolicy', name: policy.name, namespace: obj.namespace ?? 'default' };
      // Rules of a direction the policy does not isolate are ignored by Kubernetes.
      const directions = [['ingress', policy.ingressType, policy.ingress], ['egress', policy.egressType, policy.egress]] as const;
      for (const [direction, active, rules] of directions) {
        if (!active) continue;
        rules.forEach((rule, i) => {
          if (!admitsEveryPeer(rule)) return;
          ctx.report({
            messageId: direction,
            data: { policy: policy.name, ports: formatPorts(resolvePorts(rule.ports, undefined, true)) },
            loc: locAt(obj.node, ['spec', direction, i]),
            resource,
          });
        });
      }
    }
  },
});
