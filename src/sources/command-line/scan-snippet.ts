/**
 * Finds the run lines in one piece of shell and adds each as a workload (kind
 * `run`) with one container. Its location is the `podman run` span: findings about
 * a missing flag point there, findings about a flag at the flag.
 */
import { emptyContainer } from '../../model/container-spec.js';
import type { ScanError } from '../../model/finding.js';
import { located } from '../../model/location.js';
import { warn, type ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { exactSpan, looseSpan } from '../container-values/text-span.js';
import { rangeLoc, type SourceFile } from '../source-file.js';
import { applyRunFlags, type ApplyContext, type FlagLocator } from './apply-run-flags.js';
import { findRunCommand, type RunCommand } from './find-run-command.js';
import { describeUnknown, parseRunArgs, sliceOf, type WordSlice } from './run-args.js';
import { parseShell, type ShellWord } from './shell-parse.js';
import { subSnippet, toFileOffset, toFileRange, type Snippet } from './snippet.js';
import { RUN_COMMAND } from './extract-snippets.js';
import { applyUserNamespace } from './user-namespace.js';
import { FileBudgetError, spendAt } from '../../scan/file-budget.js';

/** Only commands that mention a tool can be run lines. */
const TOOLS = /podman|docker/;

/**
 * Parses `snippet` (cut from `src`) as Bash and adds its run lines to the model.
 * A syntax error is reported with its file position and ends this snippet only.
 */
export function scanSnippet(src: SourceFile, snippet: Snippet, model: ScanModel, errors: ScanError[], depth = 0): void {
  let parsed: ReturnType<typeof parseShell>;
  try {
    parsed = parseShell(snippet.text, TOOLS);
  } catch (error) {
    // Out of time inside the parse tree's walk: the snippet being read is the place.
    if (error instanceof FileBudgetError) error.placeAt(toFileOffset(snippet, 0));
    throw error;
  }
  if (parsed.error && snippet.lenient) {
    // An example, not a script: read it line by line, so text around the run lines
    // (output, prose, placeholders) costs only the lines that do not parse.
    for (const line of logicalLines(snippet)) {
      spendAt(toFileOffset(line, 0));
      scanExampleLine(src, line, model, errors);
    }
    return;
  }
  if (parsed.error) {
    const pos = src.lines.position(toFileOffset(snippet, parsed.error.offset));
    errors.push({ file: src.path, line: pos.line, column: pos.column, message: `shell syntax: ${parsed.error.message}`, code: 'parse' });
  }
  const at = locator(src, snippet);
  for (const command of parsed.commands) {
    spendAt(toFileOffset(snippet, command.words[0]!.start)); // the per-file time budget (scan/file-budget.ts)
    const run = findRunCommand(command.words);
    if (run) addRunLine(src, run, at, model, errors);
    else if (depth < 3) {
      const script = shellCommandString(command.words);
      if (script) scanSnippet(src, { text: script.value, anchors: [[0, toFileOffset(snippet, script.start)]] }, model, errors, depth + 1);
    }
  }
}

/** Lines of a snippet, a line ending in `\\` joined with the next, as the shell joins them. */
function logicalLines(snippet: Snippet): Snippet[] {
  const out: Snippet[] = [];
  const text = snippet.text;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && (text[i] !== '\n' || text[i - 1] === '\\')) continue;
    if (text.slice(start, i).trim()) out.push(subSnippet(snippet, start, i));
    start = i + 1;
  }
  return out;
}

/** One line of an example: read when it holds a run line; one that does not parse is a warning. */
function scanExampleLine(src: SourceFile, line: Snippet, model: ScanModel, errors: ScanError[]): void {
  if (!RUN_COMMAND.test(line.text)) return;
  const parsed = parseShell(line.text, TOOLS);
  if (parsed.error) {
    const pos = src.lines.position(toFileOffset(line, parsed.error.offset));
    warn(model, { file: src.path, line: pos.line, column: pos.column }, `shell syntax in an example: ${parsed.error.message}; this line is skipped`, 'example-syntax');
    return;
  }
  scanSnippet(src, { ...line, lenient: false }, model, errors);
}

const SHELLS = /^(?:.*\/)?(?:sh|bash|dash|ash|ksh|zsh)$/;

/**
 * The script of `sh -c '…'` (also `bash -lc`, `sudo sh -c`), when it is written
 * verbatim inside one pair of quotes and mentions a tool: its run lines are read
 * in place.
 */
function shellCommandString(words: readonly ShellWord[]): WordSlice | undefined {
  const shell = words.findIndex((w) => SHELLS.test(w.value));
  if (shell === -1) return undefined;
  for (let i = shell + 1; i < words.length - 1; i++) {
    const w = words[i]!.value;
    if (!w.startsWith('-')) return undefined;
    if (/^-[a-z]*c[a-z]*$/.test(w)) {
      const script = sliceOf(words[i + 1]!);
      return script.exact && !script.dynamic && TOOLS.test(script.value) ? script : undefined;
    }
  }
  return undefined;
}

function locator(src: SourceFile, snippet: Snippet): FlagLocator {
  return {
    loc(start, end) {
      const [s, e] = toFileRange(snippet, start, end);
      return rangeLoc(src, s, e);
    },
    span(slice) {
      const [s, e] = toFileRange(snippet, slice.start, slice.end);
      if (slice.exact && e - s === slice.value.length) return exactSpan(src, s, slice.value, slice.dynamic);
      return looseSpan(slice.value, rangeLoc(src, s, e), slice.dynamic);
    },
  };
}

function addRunLine(src: SourceFile, run: RunCommand, at: FlagLocator, model: ScanModel, errors: ScanError[]): void {
  const loc = at.loc(run.toolWord.start, run.subcommandWord.end);
  const args = parseRunArgs(run.args);
  const where = `${run.tool} ${run.subcommand}`;
  for (const u of run.unknownGlobal) {
    const dashes = u.text.length === 1 ? '-' : '--';
    warn(model, at.loc(u.start, u.end), `unknown global flag ${dashes}${u.text} of ${run.tool} (not in the podman/docker flag table); the rest of the line is still read`, 'unknown-flag');
  }
  for (const u of args.unknown) {
    const dashes = u.text.length === 1 ? '-' : '--';
    warn(model, at.loc(u.start, u.end), `unknown flag ${dashes}${u.text} of ${where} (not in the podman/docker flag table): ${describeUnknown(u, args.image)}; the rest of the line is still read`, 'unknown-flag');
  }
  for (const u of args.missingValue) {
    const l = at.loc(u.start, u.end);
    errors.push({ file: src.path, line: l.startLine, column: l.startColumn, message: `flag ${u.text} of ${where} needs a value`, code: 'parse' });
  }
  const workload: Workload = { input: 'RUN', file: src.path, loc, kind: 'run', engine: run.tool, labels: {}, annotations: {}, containers: [] };
  const container = emptyContainer('RUN', loc, { kind: 'run' }, workload);
  // `podman run --rootfs PATH`: the word after the flags is a host directory used as
  // the root filesystem, not an image to pull.
  const rootfs = args.flags.some((f) => f.name === 'rootfs' && (!f.value || !/^(?:false|0)$/i.test(f.value.value)));
  if (args.image && !rootfs) {
    const image = at.span(sliceOf(args.image));
    container.image = located(image.value, image.loc, image.dynamic || undefined);
    model.imageRefs.push({ input: 'RUN', ref: container.image, resource: container.resource, role: 'container' });
  }
  const ctx: ApplyContext = { model, errors, file: src.path, at };
  applyRunFlags(container, workload, run.globalFlags.filter((f) => f.name === 'runtime'), ctx);
  // `--userns keep-id[:uid=N]` decides the user when `--user` does not.
  applyUserNamespace(container, applyRunFlags(container, workload, args.flags, ctx).userns, run.asRoot);
  const name = workload.name ?? container.image?.value;
  if (name !== undefined) {
    workload.name = name;
    container.resource.name = name;
    container.resource.container = name;
  }
  workload.containers.push(container);
  model.workloads.push(workload);
}
