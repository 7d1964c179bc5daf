/**
 * Which rules `seaworthy fix` can fix, from the fix tables of each input kind. A
 * rule outside this set (privileged, host network, secrets, pinning…) is always
 * left for a decision.
 */
import { POD_SPEC_DEFAULTS } from './pod-spec-defaults.js';
import { COMPOSE_FIXES } from './fixers/compose-fixer.js';
import { QUADLET_FIXES } from './fixers/quadlet-fixer.js';
import { RUN_FLAGS } from './fixers/run-line-fixer.js';

/** Rules fixed by completing a value in place (ports, tmpfs options) rather than from a table. */
const VALUE_FIXES = ['port-exposed-all-interfaces', 'tmpfs-unhardened'];

export const FIXABLE_RULES: ReadonlySet<string> = new Set([
  ...POD_SPEC_DEFAULTS.map((d) => d.rule),
  ...Object.keys(COMPOSE_FIXES),
  ...Object.keys(QUADLET_FIXES),
  ...Object.keys(RUN_FLAGS),
  ...VALUE_FIXES,
  'run-as-root', // Containerfiles: USER in the final stage
  'user-not-numeric', // Containerfiles: a named USER whose UID the build gives
  'recommended-packages-installed', // Containerfiles: --no-install-recommends and the like
]);
