/**
 * From configuration to what the engine takes: shared rule settings, the rules
 * to run and their severities, and whether the findings fail the scan.
 */
import type { Finding } from '../model/finding.js';
import { severityRank, type Severity } from '../model/severity.js';
import type { RuleDefinition, RuleSettings } from '../rules/rule.js';
import type { Config } from './config.js';

/**
 * Rule settings from configuration. `podSecurity: restricted:v1.29` becomes
 * `options['pod-security-restricted'] = { version: 'v1.29' }` (merged over the
 * rule's own options).
 *
 * @example
 * runRules(model, { rules, settings: settingsFromConfig(config) });
 */
export function settingsFromConfig(config: Config): RuleSettings {
  const options: Record<string, unknown> = {};
  for (const [id, rc] of Object.entries(config.rules)) if (rc.options !== undefined) options[id] = rc.options;
  if (config.podSecurity) {
    const id = `pod-security-${config.podSecurity.level}`;
    const own = options[id];
    options[id] = { ...(typeof own === 'object' && own !== null ? own : {}), version: config.podSecurity.version };
  }
  return {
    trustedRegistries: [...config.trustedRegistries],
    dangerousCapabilities: [...config.dangerousCapabilities],
    untrusted: { namespaces: [...config.untrusted.namespaces], labels: { ...config.untrusted.labels } },
    sandboxRuntimes: [...config.sandboxRuntimes],
    ...(config.podSecurity && { podSecurity: { ...config.podSecurity } }),
    options,
  };
}

export interface RuleSelection {
  rules: RuleDefinition[];
  /** Configured severities by rule id (only where the configuration sets one). */
  severities: Record<string, Severity>;
}

/**
 * The rules a scan runs. A rule is off when configured `off`/`enabled: false`. A
 * rule that is off by default (`defaultOff`) runs when configured with
 * `enabled: true` or a severity, and a pod-security rule when `podSecurity`
 * chooses its level.
 *
 * @example
 * const { rules, severities } = selectRules(catalogue, config);
 */
export function selectRules(catalogue: readonly RuleDefinition[], config: Config): RuleSelection {
  const severities: Record<string, Severity> = {};
  const chosen = config.podSecurity ? `pod-security-${config.podSecurity.level}` : undefined;
  const rules = catalogue.filter((rule) => {
    const rc = config.rules[rule.id];
    if (rc?.severity) severities[rule.id] = rc.severity;
    if (rc?.enabled === false) return false;
    if (!rule.defaultOff) return true;
    return rc?.enabled === true || rc?.severity !== undefined || rule.id === chosen;
  });
  return { rules, severities };
}

/**
 * Whether findings fail the scan under `failOn`.
 *
 * @example
 * process.exitCode = failsOn(findings, config.failOn) ? 1 : 0;
 */
export function failsOn(findings: readonly Finding[], failOn: Config['failOn']): boolean {
  if (failOn === 'none') return false;
  const threshold = severityRank(failOn);
  return findings.some((f) => severityRank(f.severity) >= threshold);
}
