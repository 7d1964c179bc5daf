/**
 * Quadlet `PodmanArgs=` (and `GlobalArgs=`): extra `podman run` flags, read with
 * the run-line flag parser so they mean exactly what they mean on a command line;
 * in `[Pod]` and `[Kube]`, the `pod create`/`kube play` flags a rule judges.
 */
import type { ContainerSpec, Mount, PortSpec } from '../../model/container-spec.js';
import { located, type Located } from '../../model/location.js';
import type { ScanError } from '../../model/finding.js';
import { warn, type ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { looseSpan, mappedSpan } from '../container-values/text-span.js';
import { applyRunFlags, type FlagLocator, type RunFlagsResult } from '../command-line/apply-run-flags.js';
import { parseRunArgs, parseGlobalArgs, sliceOf, type ParsedFlag } from '../command-line/run-args.js';
import type { UserNamespaceSetting } from '../command-line/user-namespace.js';
import { parseVolumeSpec } from '../container-values/mount-spec.js';
import { parsePortSpec } from '../container-values/port-spec.js';
import { parseShell, type ShellWord } from '../command-line/shell-parse.js';
import { rangeLoc, type SourceFile } from '../source-file.js';
import type { UnitEntry } from './unit-file.js';

/**
 * Applies the flags of a `PodmanArgs=` entry to the container; what only the
 * caller can decide (the user namespace) is returned.
 */
export function applyPodmanArgs(entry: UnitEntry, c: ContainerSpec, w: Workload, src: SourceFile, model: ScanModel, errors: ScanError[], global = false): RunFlagsResult {
  const read = readPodmanArgs(entry, src, model, errors, global ? 'global' : 'run');
  return read ? applyRunFlags(c, w, read.flags, { model, errors, file: src.path, at: read.at }) : {};
}

/** What `[Pod]` and `[Kube]` `PodmanArgs=` change that a rule judges. */
export interface PodArgs {
  hostNetwork?: Located<boolean>;
  ports: PortSpec[];
  volumes: Mount[];
  userns?: UserNamespaceSetting;
}

/**
 * `[Pod] PodmanArgs=` (`podman pod create` flags) and `[Kube] PodmanArgs=` (`podman
 * kube play` flags): the flags these share with `podman run` and that a rule judges
 * (`--network`, `--publish`/`-p`, `--volume`/`-v`, `--userns`) are read, in order, a
 * later one winning; the others (`--share`, `--infra-image`…) are not `run` flags, so
 * they are passed over without a warning.
 */
export function readPodPodmanArgs(entries: readonly UnitEntry[], src: SourceFile, model: ScanModel, errors: ScanError[]): PodArgs {
  const out: PodArgs = { ports: [], volumes: [] };
  for (const entry of entries) {
    if (entry.key !== 'PodmanArgs') continue;
    const read = readPodmanArgs(entry, src, model, errors, 'pod');
    if (!read) continue;
    for (const flag of read.flags) {
      if (!flag.value) continue;
      const span = read.at.span(flag.value);
      const loc = read.at.loc(flag.start, flag.end);
      if (flag.name === 'network') out.hostNetwork = located(span.value === 'host', loc, span.dynamic || undefined);
      else if (flag.name === 'publish') out.ports.push({ ...parsePortSpec(span), loc, published: true });
      else if (flag.name === 'volume') out.volumes.push(parseVolumeSpec(span, loc));
      else if (flag.name === 'userns') out.userns = { value: span, loc };
    }
  }
  return out;
}

/** The flags of one `PodmanArgs=`/`GlobalArgs=` entry, and where their text is. */
function readPodmanArgs(entry: UnitEntry, src: SourceFile, model: ScanModel, errors: ScanError[], mode: 'run' | 'global' | 'pod'): { flags: ParsedFlag[]; at: FlagLocator } | undefined {
  const text = entry.value.value;
  const parsed = parseShell(text);
  if (parsed.error) {
    const offset = entry.value.offsetOf?.(Math.min(parsed.error.offset, Math.max(0, text.length - 1)));
    const pos = offset === undefined ? { line: entry.value.loc.startLine, column: entry.value.loc.startColumn } : src.lines.position(offset);
    errors.push({ file: src.path, line: pos.line, column: pos.column, message: `${entry.key}: ${parsed.error.message}`, code: 'parse' });
    return undefined;
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
  if (mode === 'pod') return { flags: podFlags(words), at };
  const result = mode === 'global' ? { ...parseGlobalArgs(words, 'podman'), missingValue: [] } : parseRunArgs(words);
  // An unknown flag is not an unreadable unit: the rest is still read (a warning).
  for (const u of result.unknown) {
    const what = u.value !== undefined ? `: read as taking the value "${u.value}"` : '';
    warn(model, at.loc(u.start, u.end), `${entry.key}: unknown flag ${u.text.length === 1 ? '-' : '--'}${u.text} (not in the podman flag table)${what}; the rest is still read`, 'unknown-flag');
  }
  for (const u of result.missingValue) {
    const l = at.loc(u.start, u.end);
    errors.push({ file: src.path, line: l.startLine, column: l.startColumn, message: `${entry.key}: flag --${u.text} needs a value`, code: 'parse' });
  }
  return { flags: result.flags, at };
}

/** The `pod create`/`kube play` flags read, by every name they are written with. */
const POD_FLAGS: Record<string, string> = { network: 'network', net: 'network', publish: 'publish', p: 'publish', volume: 'volume', v: 'volume', userns: 'userns' };

/**
 * The flags of `POD_FLAGS` among pod or kube flags. These commands take no image, so
 * a word that is not a flag is the value of the flag before it, and the run-line
 * guess for unknown flags does not apply: unknown flags and their values are skipped.
 */
function podFlags(words: readonly ShellWord[]): ParsedFlag[] {
  const flags: ParsedFlag[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const m = /^(?:--([a-z][a-z0-9-]*)|-([a-zA-Z]))(=?)/.exec(word.value);
    const name = m && POD_FLAGS[m[1] ?? m[2]!];
    if (!m || !name) continue;
    const rest = m[0].length;
    if (rest < word.value.length || m[3]) flags.push({ name, value: sliceOf(word, rest), start: word.start, end: word.end });
    else if (words[i + 1]) {
      flags.push({ name, value: sliceOf(words[i + 1]!), start: word.start, end: words[i + 1]!.end });
      i++;
    }
  }
  return flags;
}
