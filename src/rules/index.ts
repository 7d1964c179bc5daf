/**
 * The rule catalogue: every rule, one file each, named after its id.
 * Keep the list sorted by id; `seaworthy rules` and docs/rules.md come from it.
 */
import type { RuleDefinition } from './rule.js';
import metadataApiReachable from './metadata-api-reachable.js';
import missingDefaultDenyPolicy from './missing-default-deny-policy.js';
import networkPolicyAllowsAll from './network-policy-allows-all.js';
import podSecurityBaseline from './pod-security-baseline.js';
import podSecurityRestricted from './pod-security-restricted.js';
import privilegedContainer from './privileged-container.js';
import workloadNotIsolated from './workload-not-isolated.js';

export const rules: readonly RuleDefinition[] = [
  metadataApiReachable,
  missingDefaultDenyPolicy,
  networkPolicyAllowsAll,
  podSecurityBaseline,
  podSecurityRestricted,
  privilegedContainer,
  workloadNotIsolated,
];
