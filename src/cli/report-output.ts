/**
 * Chooses the reporter for `--format` and writes the report to stdout or `--output`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import { describeFsError } from '../scan/read-input.js';
import { formatStatus, textChunks } from '../report/format-text.js';
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

/**
 * The report, in pieces made one finding at a time, so it is never held whole. The
 * JSON and SARIF writers are loaded only when chosen (start-up of a small scan).
 */
export async function renderReport(result: ScanResult, format: Format, color: boolean, text: { width?: number; verbose?: boolean } = {}): Promise<string | Iterable<string>> {
  switch (format) {
    case 'json':
      return (await import('../report/format-json.js')).jsonChunks(result);
    case 'sarif':
      return (await import('../report/format-sarif.js')).sarifChunks(result);
    default:
      return textChunks(result, { color, remedies: text.verbose ? 'all' : 'once', ...(text.width !== undefined && { width: text.width }) });
  }
}

const BATCH = 1 << 20;

/**
 * Writes the report, piece by piece in batches of about 1 MiB, waiting when the
 * reader is slower; `--output` files get exactly the report and nothing else. An
 * output file that cannot be written is a usage error naming it.
 */
export async function writeReport(content: string | Iterable<string>, output: string | undefined): Promise<void> {
  let handle: FileHandle | undefined;
  if (output) {
    try {
      handle = await open(output, 'w');
    } catch (error) {
      throw new UsageError(`cannot write --output ${output}: ${describeFsError(error)}`);
    }
  }
  const write = async (text: string): Promise<void> => {
    if (handle) await handle.write(text);
    else if (!process.stdout.write(text)) await once(process.stdout, 'drain');
  };
  try {
    let batch = '';
    let last = '';
    for (const chunk of typeof content === 'string' ? [content] : content) {
      batch += chunk;
      if (batch.length >= BATCH) {
        last = batch[batch.length - 1]!;
        await write(batch);
        batch = '';
      }
    }
    if (batch) last = batch[batch.length - 1]!;
    // A report that is not empty ends with a newline.
    if (last !== '' && last !== '\n') batch += '\n';
    if (batch) await write(batch);
  } finally {
    await handle?.close();
  }
}

/**
 * Writes a scan report where `--output` says; when that is a file, errors,
 * warnings and the summary line still go to standard error, so nothing that went
 * wrong is hidden in a file nobody opens.
 */
export async function publishReport(result: ScanResult, format: Format, options: { output?: string | undefined; noColor?: boolean | undefined; verbose?: boolean | undefined }): Promise<void> {
  const color = options.noColor ? false : useColor(options.output !== undefined || format !== 'text');
  // Wrapped to the terminal's width only when a person reads it there.
  const width = options.output === undefined && process.stdout.isTTY ? process.stdout.columns : undefined;
  await writeReport(await renderReport(result, format, color, { ...(width && { width }), verbose: options.verbose === true }), options.output);
  if (options.output !== undefined) {
    const stderrColor = !options.noColor && process.stderr.isTTY === true && !process.env['NO_COLOR'];
    process.stderr.write(formatStatus(result, { color: stderrColor }));
  }
}
