/**
 * Quadlet `PodmanArgs=` (and `GlobalArgs=`): extra `podman run` flags, read with
 * the run-line flag parser so they mean exactly what they mean on a command line.
 */
import type { ContainerSpec } from '../../model/container-spec.js';
import type { ScanError } from '../../model/finding.js';
import { warn, type ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { looseSpan, mappedSpan } from '../container-values/text-span.js';
import { applyRunFlags, type FlagLocator, type RunFlagsResult } from '../command-line/apply-run-flags.js';
import { parseRunArgs, parseGlobalArgs } from '../command-line/run-args.js';
import { parseShell } from '../command-line/shell-parse.js';
import { rangeLoc, type SourceFile } from '../source-file.js';
import type { UnitEntry } from './unit-file.js';

/**
 * Applies the flags of a `PodmanArgs=` entry to the container; what only the
 * caller can decide (the user namespace) is returned.
 */
export function applyPodmanArgs(entry: UnitEntry, c: ContainerSpec, w: Workload, src: SourceFile, model: ScanModel, errors: ScanError[], global = false): RunFlagsResult {
  const text = entry.value.value;
  const parsed = parseShell(text);
  if (parsed.error) {
    const offset = entry.value.offsetOf?.(Math.min(parsed.error.offset, Math.max(0, text.length - 1)));
    const pos = offset === undefined ? { line: entry.value.loc.startLine, column: entry.value.loc.startColumn } : src.lines.position(offset);
    errors.push({ file: src.path, line: pos.line, column: pos.column, message: `${entry.key}: ${parsed.error.message}`, code: 'parse' });
    return {};
  }
  const words = parsed.commands.flatMap((cmd) => cmd.words);
  const span = entry.value;
  // Shell offsets are offsets into the value; the value knows where each character is written.
  const fileOffset = (i: number): number => span.offsetOf?.(Math.min(i, Math.max(0, text.length - 1))) ?? 0;
  const at: FlagLocator = span.offsetOf
    ? {
        loc: (start, end) => rangeLoc(src, fileOffset(start), end > start ? fileOffset(end - 1) + 1 : fileOffset(start)),
        span: (slice) => (slice.exact ? mappedSpan(src, slice.value, (k) => fileOffset(slice.start + k), slice.dynamic) : looseSpan(slice.value, rangeLoc(src, fileOffset(slice.start), fileOffset(slice.end - 1) + 1), slice.dynamic)),
      }
    : { loc: () => span.loc, span: (slice) => looseSpan(slice.value, span.loc, slice.dynamic) };
  const result = global ? { ...parseGlobalArgs(words, 'podman'), missingValue: [] } : parseRunArgs(words);
  // An unknown flag is not an unreadable unit: the rest is still read (a warning).
  for (const u of result.unknown) {
    const what = u.value !== undefined ? `: read as taking the value "${u.value}"` : '';
    warn(model, at.loc(u.start, u.end), `${entry.key}: unknown flag ${u.text.length === 1 ? '-' : '--'}${u.text} (not in the podman flag table)${what}; the rest is still read`, 'unknown-flag');
  }
  for (const u of result.missingValue) {
    const l = at.loc(u.start, u.end);
    errors.push({ file: src.path, line: l.startLine, column: l.startColumn, message: `${entry.key}: flag --${u.text} needs a value`, code: 'parse' });
  }
  return applyRunFlags(c, w, result.flags, { model, errors, file: src.path, at });
}
