/**
 * Rules that are not judged at admission: each needs objects the request does not
 * carry (the namespace's NetworkPolicies, the Namespace object itself). Judging them
 * on one object alone would deny every pod in a namespace whose policies are fine.
 * `seaworthy scan` of the whole manifest set still judges them.
 */
import type { RuleDefinition } from '../rules/rule.js';

export const NOT_AT_ADMISSION: ReadonlyMap<string, string> = new Map([
  ['workload-not-isolated', 'NetworkPolicy coverage needs the namespace\'s policies'],
  ['metadata-api-reachable', 'egress to the metadata API depends on the namespace\'s policies'],
  ['missing-default-deny-policy', 'a namespace-wide fact, not one object\'s'],
  ['network-policy-allows-all', 'judges NetworkPolicies, which the webhook does not review'],
  ['namespace-without-pod-security', 'judges Namespace objects, which the webhook does not review'],
]);

/**
 * The rules a review runs: the scan's selection less those above, and less those that
 * read no Kubernetes input (Containerfile-only, image-only rules): a review's model
 * holds only the reviewed object, so they could never report.
 */
export function admissionRules(selected: readonly RuleDefinition[]): RuleDefinition[] {
  return selected.filter((r) => !NOT_AT_ADMISSION.has(r.id) && r.inputs.includes('K8S'));
}
