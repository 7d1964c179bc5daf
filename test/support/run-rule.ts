/**
 * Runs one rule over a model with default settings, for rule tests.
 */
import { runRules, type EngineFinding } from '../../src/engine/run-rules.js';
import type { ScanModel } from '../../src/model/scan-model.js';
import type { RuleDefinition, RuleSettings } from '../../src/rules/rule.js';

export const defaultSettings: RuleSettings = {
  trustedRegistries: [],
  dangerousCapabilities: [],
  untrusted: { namespaces: [], labels: {} },
  sandboxRuntimes: [],
  options: {},
};

export function runRule(rule: RuleDefinition, model: ScanModel): EngineFinding[] {
  return runRules(model, { rules: [rule], settings: defaultSettings });
}

/** `line:column message` per finding, sorted: compact to assert in tables. */
export function findingLines(findings: EngineFinding[]): string[] {
  return findings
    .map((f) => `${f.location.startLine}:${f.location.startColumn} ${f.message}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
