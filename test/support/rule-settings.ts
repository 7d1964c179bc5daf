/** Rule settings for tests: nothing configured. */
import type { RuleSettings } from '../../src/rules/rule.js';

export const noSettings: RuleSettings = {
  trustedRegistries: [],
  dangerousCapabilities: [],
  untrusted: { namespaces: [], labels: {} },
  sandboxRuntimes: [],
  options: {},
};
