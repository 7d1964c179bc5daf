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

export interface TextOptions {
  /** ANSI colours (default false). */
  color?: boolean;
  /** Print each finding's remedy under it (default true). */
  remedies?: boolean;
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
  const paint = options.color ? COLORS : NO_COLORS;
  const out: string[] = [];
  for (const [file, findings] of groupByFile(sortFindings(result.findings))) {
    out.push(paint.file(file));
    out.push(...findingRows(findings, paint, options.remedies !== false));
    out.push('');
  }
  out.push(...statusLines(result, paint));
  return out.join('\n') + '\n';
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
  return statusLines(result, options.color ? COLORS : NO_COLORS).join('\n') + '\n';
}

function statusLines(result: ScanResult, paint: Palette): string[] {
  const out: string[] = [];
  if (result.errors.length) {
    out.push(paint.file('errors'));
    for (const e of sortErrors(result.errors)) out.push(`  ${where(e)}  ${paint.severity.high(e.code)}  ${e.message}`);
    out.push('');
  }
  // Warnings are dimmed: worth reading, but nothing failed.
  if (result.warnings?.length) {
    out.push(paint.file('warnings'));
    for (const w of sortErrors(result.warnings)) out.push(paint.dim(`  ${where(w)}  ${w.code}  ${w.message}`));
    out.push('');
  }
  out.push(summaryLine(result, paint));
  return out;
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

function findingRows(findings: Finding[], paint: Palette, remedies: boolean): string[] {
  // Pad to the widest value in the group, so messages line up within a file.
  const posWidth = Math.max(...findings.map((f) => position(f.location).length));
  const sevWidth = Math.max(...findings.map((f) => f.severity.length));
  const ruleWidth = Math.max(...findings.map((f) => f.ruleId.length));
  const rows: string[] = [];
  for (const f of findings) {
    const pos = paint.dim(position(f.location).padEnd(posWidth));
    const sev = paint.severity[f.severity](f.severity.padEnd(sevWidth));
    const rule = paint.dim(f.ruleId.padEnd(ruleWidth));
    rows.push(`  ${pos}  ${sev}  ${rule}  ${f.message}`);
    if (remedies && f.remedy) rows.push(...indent(f.remedy).map(paint.dim));
    for (const r of f.related ?? []) rows.push(paint.dim(`${REMEDY_INDENT}see ${position(r.location)}: ${r.message}`));
  }
  return rows;
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => REMEDY_INDENT + line);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryLine(result: ScanResult, paint: Palette): string {
  const s = summarize(result);
  const files = `${plural(s.filesScanned, 'file')} scanned`;
  const suppressed = s.suppressed ? `, ${s.suppressed} suppressed` : '';
  const errors = s.errors ? ` and ${plural(s.errors, 'error')}` : '';
  const warnings = s.warnings ? `, ${plural(s.warnings, 'warning')}` : '';
  if (s.total === 0) {
    return s.errors ? paint.bad(`✖ no findings${errors} in ${files}${suppressed}${warnings}`) : paint.good(`✔ no findings in ${files}${suppressed}${warnings}`);
  }
  const counts = [...SEVERITIES].reverse().map((sev) => `${s.bySeverity[sev]} ${sev}`).join(', ');
  return paint.bad(`✖ ${plural(s.total, 'finding')} (${counts})${errors} in ${files}${suppressed}${warnings}`);
}
