/**
 * The rule catalogue: every rule, one file each, named after its id.
 * Keep the list sorted by id; `seaworthy rules` and docs/rules.md come from it.
 */
import type { RuleDefinition } from './rule.js';
import podSecurityBaseline from './pod-security-baseline.js';
import podSecurityRestricted from './pod-security-restricted.js';
import privilegedContainer from './privileged-container.js';

export const rules: readonly RuleDefinition[] = [
  podSecurityBaseline,
  podSecurityRestricted,
  privilegedContainer,
];
