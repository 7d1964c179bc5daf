/**
 * Judgements about policies that rules and the fix helper share: what counts as a
 * default deny, and which rules admit every peer.
 */
import { isEmptySelector } from './label-selector.js';
import type { NetPolicy, PolicyRule } from './types.js';

/** A rule whose `from`/`to` is missing or empty: it admits every peer (on its ports). */
export function admitsEveryPeer(rule: PolicyRule): boolean {
  return !rule.peers?.length;
}

/** A rule with no peers and no ports: everything passes. */
export function admitsEverything(rule: PolicyRule): boolean {
  return admitsEveryPeer(rule) && !rule.ports?.length;
}

/** Which directions a policy denies by default for every pod of its namespace. */
export function defaultDenies(policy: NetPolicy): { ingress: boolean; egress: boolean } {
  if (!isEmptySelector(policy.podSelector)) return { ingress: false, egress: false };
  // Exceptions (DNS, a port open to all) still leave everything else denied; a rule
  // that lets everything through does not.
  return {
    ingress: policy.ingressType && !policy.ingress.some(admitsEverything),
    egress: policy.egressType && !policy.egress.some(admitsEverything),
  };
}

/** Whether the policies of one namespace together deny each direction by default. */
export function namespaceDefaultDeny(policies: readonly NetPolicy[]): { ingress: boolean; egress: boolean } {
  let ingress = false;
  let egress = false;
  for (const p of policies) {
    const d = defaultDenies(p);
    ingress ||= d.ingress;
    egress ||= d.egress;
  }
  return { ingress, egress };
}
