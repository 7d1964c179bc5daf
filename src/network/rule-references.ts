/**
 * References shared by the NetworkPolicy rules.
 */
import type { RuleReference } from '../rules/rule.js';

export const NSA_CISA_NETWORK: RuleReference = {
  title: 'NSA/CISA Kubernetes Hardening Guidance: Network separation and hardening',
  url: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
};

export const CIS_K8S_5_3_2: RuleReference = { title: 'CIS Kubernetes Benchmark 5.3.2: Ensure that all Namespaces have NetworkPolicies defined' };

export const K8S_NETWORK_POLICIES: RuleReference = {
  title: 'Kubernetes: Network Policies',
  url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
};
