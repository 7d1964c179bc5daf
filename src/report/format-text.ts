/**
 * The human report, in the manner of ESLint's "stylish": findings grouped by file,
 * each row `file:line:col  severity  rule-id  message` (the position first, so
 * terminals and editors turn it into a link), the remedy indented below, then the
 * errors and one summary line. Colour only when the caller asks: the CLI decides
 * from the TTY and NO_COLOR, this function never looks at the environment.
 */
import type { Finding, ScanError } from '../model/finding.js';
import type { Location } from '../model/location.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { sortErrors, sortFindings, summarize, type ScanResult } from './scan-result.js';
import { wrapText } from './wrap-text.js';

export interface TextOptions {
  /** ANSI colours (default false). */
  color?: boolean;
  /**
   * Remedies under findings: `once` (default) under the first finding of each rule
   * in a file, `all` under every finding (`--verbose`), `false`/`none` never.
   */
  remedies?: boolean | 'once' | 'all' | 'none';
  /** Wrap lines to this many columns (the terminal's width); never cuts a word. */
  width?: number;
}

type Paint = (text: string) => string;

interface Palette {
  file: Paint;
  dim: Paint;
  severity: Record<Severity, Paint>;
  bad: Paint;
  good: Paint;
}

const sgr =
  (...codes: number[]): Paint =>
  (text) =>
    `\u001b[${codes.join(';')}m${text}\u001b[0m`;
const plain: Paint = (text) => text;

const COLORS: Palette = {
  file: sgr(4),
  dim: sgr(2),
  severity: { critical: sgr(1, 35), high: sgr(31), medium: sgr(33), low: sgr(36) },
  bad: sgr(1, 31),
  good: sgr(1, 32),
};
const NO_COLORS: Palette = {
  file: plain,
  dim: plain,
  severity: { critical: plain, high: plain, medium: plain, low: plain },
  bad: plain,
  good: plain,
};

const REMEDY_INDENT = '    ';

/**
 * Formats a scan for a terminal.
 *
 * @example
 * process.stdout.write(formatText(result, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 * // deploy/web.yaml
 * //   deploy/web.yaml:9:21  critical  privileged-container  Privileged mode is on.
 * //     Set privileged: false.
 */
export function formatText(result: ScanResult, options: TextOptions = {}): string {
  let out = '';
  for (const chunk of textChunks(result, options)) out += chunk;
  return out;
}

/**
 * The text report in pieces, one line at a time, so a report of a million findings
 * is written as it is made rather than built whole. Joined, the pieces are
 * `formatText`'s output.
 *
 * @example
 * for (const chunk of textChunks(result)) stream.write(chunk);
 */
export function* textChunks(result: ScanResult, options: TextOptions = {}): Generator<string> {
  const paint = options.color ? COLORS : NO_COLORS;
  const remedies = options.remedies === false || options.remedies === 'none' ? 'none' : options.remedies === 'all' ? 'all' : 'once';
  for (const [file, findings] of groupByFile(sortFindings(result.findings))) {
    yield paint.file(file) + '\n';
    for (const row of findingRows(findings, paint, remedies, options.width)) yield row + '\n';
    yield '\n';
  }
  for (const line of statusLines(result, paint, options.width)) yield line + '\n';
}

/**
 * Errors, warnings and the summary line, without the findings: what the CLI still
 * prints on standard error when the report itself goes to a file (`-o`), so a
 * person watching a CI log sees what could not be read.
 *
 * @example
 * process.stderr.write(formatStatus(result));
 * // errors
 * //   k8s/bad.yaml:3:1  parse  bad indentation of a mapping entry
 * //
 * // ✖ 2 findings (…) and 1 error in 4 files scanned
 */
export function formatStatus(result: ScanResult, options: Pick<TextOptions, 'color'> = {}): string {
  return [...statusLines(result, options.color ? COLORS : NO_COLORS)].join('\n') + '\n';
}

/** Status lines one at a time: a scan of a million unreadable files is not held whole. */
function* statusLines(result: ScanResult, paint: Palette, width?: number): Generator<string> {
  if (result.errors.length) {
    yield paint.file('errors');
    for (const e of sortErrors(result.errors)) {
      const head = `  ${where(e)}  ${e.code}  `;
      const [first, ...rest] = wrapText(e.message, width, REMEDY_INDENT, head.length);
      yield `  ${where(e)}  ${paint.severity.high(e.code)}  ${first}`.trimEnd();
      yield* rest;
    }
    yield '';
  }
  // Warnings are dimmed: worth reading, but nothing failed.
  if (result.warnings?.length) {
    yield paint.file('warnings');
    for (const w of sortErrors(result.warnings)) {
      const head = `  ${where(w)}  ${w.code}  `;
      const [first, ...rest] = wrapText(w.message, width, REMEDY_INDENT, head.length);
      yield paint.dim(`${head}${first}`.trimEnd());
      for (const l of rest) yield paint.dim(l);
    }
    yield '';
  }
  const summary = summaryLine(result, NO_COLORS);
  const lines = wrapText(summary, width, '  ');
  if (lines.length === 1) yield summaryLine(result, paint);
  else for (const l of lines) yield summary.startsWith('✔') ? paint.good(l) : paint.bad(l);
}

function where(e: ScanError): string {
  return [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((p) => p !== undefined).join(':');
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.location.file);
    if (list) list.push(f);
    else groups.set(f.location.file, [f]);
  }
  return groups;
}

function position(l: Location): string {
  return `${l.file}:${l.startLine}:${l.startColumn}`;
}

/** A live object's finding (`seaworthy cluster`) is placed by field path under its `Kind/namespace/name` heading. */
function findingPosition(f: Finding): string {
  return f.fieldPath !== undefined ? f.fieldPath || '(object)' : position(f.location);
}

function* findingRows(findings: Finding[], paint: Palette, remedies: 'once' | 'all' | 'none', width: number | undefined): Generator<string> {
  // Pad to the widest value in the group, so messages line up within a file. A
  // loop, not Math.max(...list): spreading 100k values overflows the stack.
  let posWidth = 0;
  let sevWidth = 0;
  let ruleWidth = 0;
  for (const f of findings) {
    posWidth = Math.max(posWidth, findingPosition(f).length);
    sevWidth = Math.max(sevWidth, f.severity.length);
    ruleWidth = Math.max(ruleWidth, f.ruleId.length);
  }
  // Continuation lines of a message start under the message, unless that leaves too little room.
  const messageColumn = 2 + posWidth + 2 + sevWidth + 2 + ruleWidth + 2;
  const hanging = width && width - messageColumn >= 30 ? ' '.repeat(messageColumn) : REMEDY_INDENT;
  const shown = new Set<string>();
  // Findings of a group share one object, and so one origin: said once, under the heading.
  const origin = findings.find((f) => f.origin)?.origin;
  if (origin) yield paint.dim(`${REMEDY_INDENT}deployed by ${origin.detail}`);
  for (const f of findings) {
    // Wrapped as plain text, painted after, so escape codes never count towards the width.
    const [first, ...rest] = wrapText(f.message, width, hanging, messageColumn);
    const pos = paint.dim(findingPosition(f).padEnd(posWidth));
    const sev = paint.severity[f.severity](f.severity.padEnd(sevWidth));
    const rule = paint.dim(f.ruleId.padEnd(ruleWidth));
    yield `  ${pos}  ${sev}  ${rule}  ${first}`.trimEnd();
    yield* rest;
    // A rule's remedy is the same under each of its findings: once per file is enough.
    if (f.remedy && (remedies === 'all' || (remedies === 'once' && !shown.has(f.ruleId)))) for (const line of indent(f.remedy, width)) yield paint.dim(line);
    shown.add(f.ruleId);
    for (const r of f.related ?? []) {
      for (const [i, l] of wrapText(`see ${position(r.location)}: ${r.message}`, width, REMEDY_INDENT + '  ', REMEDY_INDENT.length).entries()) yield paint.dim(i ? l : REMEDY_INDENT + l);
    }
  }
}

function indent(text: string, width: number | undefined): string[] {
  return text.split('\n').flatMap((line) => wrapText(line, width, REMEDY_INDENT, REMEDY_INDENT.length).map((l, i) => (i ? l : REMEDY_INDENT + l)));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryLine(result: ScanResult, paint: Palette): string {
  const s = summarize(result);
  const files = `${plural(s.filesScanned, 'file')} scanned`;
  const suppressed = s.suppressed ? `, ${s.suppressed} suppressed` : '';
  const errors = s.errors ? ` and ${plural(s.errors, 'error')}` : '';
  const warnings = `${s.warnings ? `, ${plural(s.warnings, 'warning')}` : ''}${s.config ? ` (config ${s.config})` : ''}`;
  if (s.total === 0) {
    return s.errors ? paint.bad(`✖ no findings${errors} in ${files}${suppressed}${warnings}`) : paint.good(`✔ no findings in ${files}${suppressed}${warnings}`);
  }
  const counts = [...SEVERITIES].reverse().map((sev) => `${s.bySeverity[sev]} ${sev}`).join(', ');
  return paint.bad(`✖ ${plural(s.total, 'finding')} (${counts})${errors} in ${files}${suppressed}${warnings}`);
}
