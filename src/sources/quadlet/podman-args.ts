/**
 * Quadlet `PodmanArgs=` (and `GlobalArgs=`): extra `podman run` flags, read with
 * the run-line flag parser so they mean exactly what they mean on a command line.
 */
import type { ContainerSpec } from '../../model/container-spec.js';
import type { ScanError } from '../../model/finding.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { exactSpan, looseSpan } from '../container-values/text-span.js';
import { applyRunFlags, type FlagLocator } from '../command-line/apply-run-flags.js';
import { parseRunArgs, parseGlobalArgs } from '../command-line/run-args.js';
import { parseShell } from '../command-line/shell-parse.js';
import { rangeLoc, type SourceFile } from '../source-file.js';
import type { UnitEntry } from './unit-file.js';

/** Applies the flags of a `PodmanArgs=` entry to the container. */
export function applyPodmanArgs(entry: UnitEntry, c: ContainerSpec, w: Workload, src: SourceFile, model: ScanModel, errors: ScanError[], global = false): void {
  const text = entry.value.value;
  const parsed = parseShell(text);
  if (parsed.error) {
    errors.push({ file: src.path, line: entry.value.loc.startLine, column: entry.value.loc.startColumn, message: `${entry.key}: ${parsed.error.message}`, code: 'parse' });
    return;
  }
  const words = parsed.commands.flatMap((cmd) => cmd.words);
  const loc = entry.value.loc;
  // One-line values are written verbatim at the value's location; joined ones are not.
  const exact = loc.startLine === loc.endLine && loc.endColumn - loc.startColumn === text.length;
  const base = src.lines.lineStart(loc.startLine) + loc.startColumn - 1;
  const at: FlagLocator = exact
    ? {
        loc: (start, end) => rangeLoc(src, base + start, base + end),
        span: (slice) => (slice.exact ? exactSpan(src, base + slice.start, slice.value, slice.dynamic) : looseSpan(slice.value, rangeLoc(src, base + slice.start, base + slice.end), slice.dynamic)),
      }
    : { loc: () => loc, span: (slice) => looseSpan(slice.value, loc, slice.dynamic) };
  const result = global ? { ...parseGlobalArgs(words, 'podman'), missingValue: [] } : parseRunArgs(words);
  for (const u of [...result.unknown, ...result.missingValue]) {
    const l = at.loc(u.start, u.end);
    errors.push({ file: src.path, line: l.startLine, column: l.startColumn, message: `${entry.key}: unknown or incomplete flag ${u.text.length === 1 ? '-' : '--'}${u.text}`, code: 'unknown-flag' });
  }
  applyRunFlags(c, w, result.flags, { model, errors, file: src.path, at });
}
