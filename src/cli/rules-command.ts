/**
 * `seaworthy rules [--format text|json|markdown]`: the catalogue from the rules' own metadata.
 */
import { parseArgs } from 'node:util';
import { fullCatalogue as rules } from '../scan/run-scan.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { writeReport } from './report-output.js';

export const RULES_HELP = `Usage: seaworthy rules [--format text|json|markdown]

Lists every rule: id, severity, inputs, what it checks, why, and what to do.
`;

export async function runRulesCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    await writeReport(RULES_HELP, undefined);
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`unknown --format "${format}" (expected text, json or markdown)`);
  const { formatRules } = await import('../report/format-rules.js');
  await writeReport(formatRules(rules, format), undefined);
  return EXIT.ok;
}
