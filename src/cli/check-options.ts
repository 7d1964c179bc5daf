/**
 * The options every checking command (`scan`, `image`) takes, and their shared
 * validation, so both read them alike.
 */
import { rules as catalogue } from '../rules/index.js';
import { UsageError } from './usage-error.js';
import { suggestion } from '../config/did-you-mean.js';

/** parseArgs definitions of the shared options. */
export const CHECK_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'trusted-registry': { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  'no-color': { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `--rule` ids, checked against the catalogue: a typo must not turn a scan into one
 * that checks nothing.
 *
 * @example
 * const only = checkRuleIds(values.rule ?? []);
 */
export function checkRuleIds(ids: readonly string[]): string[] {
  for (const id of ids) {
    if (!catalogue.some((r) => r.id === id)) throw new UsageError(`unknown rule "${id}" in --rule${suggestion(id, catalogue.map((r) => r.id))} (run 'seaworthy rules' for the list)`);
  }
  return [...ids];
}
