/**
 * Chooses the reporter for `--format` and writes the report to stdout or `--output`.
 */
import { writeFile } from 'node:fs/promises';
import { formatJson } from '../report/format-json.js';
import { formatSarif } from '../report/format-sarif.js';
import { formatText } from '../report/format-text.js';
import type { ScanResult } from '../report/scan-result.js';
import { UsageError } from './usage-error.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string | undefined): Format {
  const format = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown --format "${format}" (expected ${FORMATS.join(', ')})`);
  return format as Format;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(toFile: boolean): boolean {
  if (toFile) return false;
  if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') return false;
  if (process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0') return true;
  return process.stdout.isTTY === true;
}

export function renderReport(result: ScanResult, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result);
    default:
      return formatText(result, { color });
  }
}

/** Writes the report; `--output` files get exactly the report and nothing else. */
export async function writeReport(text: string, output: string | undefined): Promise<void> {
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  if (output) await writeFile(output, body, 'utf8');
  else await new Promise<void>((resolve, reject) => process.stdout.write(body, (e) => (e ? reject(e) : resolve())));
}
