/**
 * `seaworthy rules [--format text|json|markdown]`: the catalogue from the rules' own metadata.
 */
import { parseCommandLine } from './parse-command-line.js';
import { suggestion } from '../config/did-you-mean.js';
import { fullCatalogue as rules } from '../scan/run-scan.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { writeReport } from './report-output.js';

export const RULES_HELP = `Usage: seaworthy rules [--format text|json|markdown] [RULE-ID...]

Lists every rule: id, severity, inputs and title. With rule ids, shows those rules
in full: why, what to do, details (e.g. pod-security levels, versions and checks).
`;

export async function runRulesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('rules', argv, { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    await writeReport(RULES_HELP, undefined);
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`unknown --format "${format}" (expected text, json or markdown)`);
  const { formatRules, formatRuleDetail } = await import('../report/format-rules.js');
  if (positionals.length) {
    const chosen = positionals.map((id) => {
      const rule = rules.find((r) => r.id === id);
      if (!rule) throw new UsageError(`unknown rule "${id}"${suggestion(id, rules.map((r) => r.id))} (run 'seaworthy rules' for the list)`);
      return rule;
    });
    await writeReport(format === 'text' ? chosen.map(formatRuleDetail).join('\n') : formatRules(chosen, format), undefined);
    return EXIT.ok;
  }
  await writeReport(formatRules(rules, format), undefined);
  return EXIT.ok;
}
