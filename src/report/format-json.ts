/**
 * The JSON report: exactly the finding contract of RULES.md
 * (`{ findings, errors, warnings, summary }`). Fields are copied one by one, never spread,
 * so internal fields (`targetAnnotations`…) cannot leak into a shape that tools
 * outside the project rely on.
 */
import type { Finding, ScanError, ScanWarning } from '../model/finding.js';
import type { Location } from '../model/location.js';
import type { ResourceRef } from '../model/resource.js';
import { sortErrors, sortFindings, summarize, type ScanResult, type Summary } from './scan-result.js';

export interface JsonReport {
  findings: Finding[];
  errors: ScanError[];
  warnings: ScanWarning[];
  summary: Summary;
}

export interface JsonOptions {
  /** Indent with two spaces (default true); false prints one line. */
  pretty?: boolean;
}

/**
 * Formats a scan as the JSON contract.
 *
 * @example
 * const out = formatJson(result);
 * JSON.parse(out).summary.total; // 2
 */
export function formatJson(result: ScanResult, options: JsonOptions = {}): string {
  if (options.pretty === false) return JSON.stringify(toJsonReport(result)) + '\n';
  let out = '';
  for (const chunk of jsonChunks(result)) out += chunk;
  return out;
}

/**
 * The pretty JSON report in pieces, a thousand findings at a time, so a large report can be
 * written as it is made instead of held whole (with a copy of every finding) in
 * memory. Joined, the pieces are exactly `JSON.stringify(toJsonReport(result), null, 2)`.
 *
 * @example
 * for (const chunk of jsonChunks(result)) stream.write(chunk);
 */
export function* jsonChunks(result: ScanResult): Generator<string> {
  const findings = sortFindings(result.findings);
  yield '{\n  "findings": ';
  if (!findings.length) yield '[]';
  else {
    yield '[';
    for (let i = 0; i < findings.length; i += BATCH) {
      let text = '';
      const end = Math.min(findings.length, i + BATCH);
      for (let j = i; j < end; j++) text += `${j ? ',' : ''}\n    ${findingJson(findings[j]!)}`;
      yield text;
    }
    yield '\n  ]';
  }
  yield `,\n  "errors": ${indented(sortErrors(result.errors).map(contractError), '  ')}`;
  yield `,\n  "warnings": ${indented(sortErrors(result.warnings ?? []).map(contractError), '  ')}`;
  yield `,\n  "summary": ${indented(summarize(result), '  ')}\n}\n`;
}

/** Findings per chunk: large enough to write in few calls, small enough to stay flat in memory. */
const BATCH = 1000;

const q = JSON.stringify;

/**
 * One finding as `JSON.stringify(contractFinding(f), null, 2)` writes it at the depth of
 * the findings list, built by hand: a report holds tens of thousands, and the generic
 * pretty printer with a copy of each cost 1.6 times this (the rarer nested fields go
 * through it still). A test holds the two equal.
 */
export function findingJson(f: Finding): string {
  let s = `{\n      "ruleId": ${q(f.ruleId)},\n      "severity": ${q(f.severity)},\n      "message": ${q(f.message)},\n      "location": ${locationJson(f.location)}`;
  if (f.resource) s += `,\n      "resource": ${resourceJson(f.resource)}`;
  if (f.remedy !== undefined) s += `,\n      "remedy": ${q(f.remedy)}`;
  if (f.related?.length) s += `,\n      "related": ${indented(f.related.map((r) => ({ message: r.message, location: contractLocation(r.location) })), '      ')}`;
  if (f.vulnerability) s += `,\n      "vulnerability": ${indented(f.vulnerability, '      ')}`;
  if (f.fieldPath !== undefined) s += `,\n      "fieldPath": ${q(f.fieldPath)}`;
  if (f.origin) s += `,\n      "origin": ${indented(f.origin, '      ')}`;
  return `${s}\n    }`;
}

function locationJson(l: Location): string {
  return `{\n        "file": ${q(l.file)},\n        "startLine": ${q(l.startLine)},\n        "startColumn": ${q(l.startColumn)},\n        "endLine": ${q(l.endLine)},\n        "endColumn": ${q(l.endColumn)}\n      }`;
}

function resourceJson(r: ResourceRef): string {
  let s = `{\n        "kind": ${q(r.kind)}`;
  for (const key of RESOURCE_KEYS) if (key !== 'kind' && r[key] !== undefined) s += `,\n        ${q(key)}: ${q(r[key])}`;
  return `${s}\n      }`;
}

/** Pretty JSON of a value nested at `indent`: every line after the first shifted right. */
function indented(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

/** The report as a plain object, for embedding (the admission webhook, tests). */
export function toJsonReport(result: ScanResult): JsonReport {
  return {
    findings: sortFindings(result.findings).map(contractFinding),
    errors: sortErrors(result.errors).map(contractError),
    warnings: sortErrors(result.warnings ?? []).map(contractError),
    summary: summarize(result),
  };
}

function contractFinding(f: Finding): Finding {
  const out: Finding = { ruleId: f.ruleId, severity: f.severity, message: f.message, location: contractLocation(f.location) };
  if (f.resource) out.resource = contractResource(f.resource);
  if (f.remedy !== undefined) out.remedy = f.remedy;
  if (f.related?.length) out.related = f.related.map((r) => ({ message: r.message, location: contractLocation(r.location) }));
  if (f.vulnerability) out.vulnerability = f.vulnerability;
  if (f.fieldPath !== undefined) out.fieldPath = f.fieldPath;
  if (f.origin) out.origin = f.origin;
  return out;
}

function contractLocation(l: Location): Location {
  return { file: l.file, startLine: l.startLine, startColumn: l.startColumn, endLine: l.endLine, endColumn: l.endColumn };
}

const RESOURCE_KEYS = ['kind', 'namespace', 'name', 'container', 'image', 'layer', 'path'] as const;

function contractResource(r: ResourceRef): ResourceRef {
  const out: ResourceRef = { kind: r.kind };
  for (const key of RESOURCE_KEYS) if (r[key] !== undefined) out[key] = r[key];
  return out;
}

function contractError(e: ScanError): ScanError {
  return {
    file: e.file,
    ...(e.line !== undefined && { line: e.line }),
    ...(e.column !== undefined && { column: e.column }),
    message: e.message,
    code: e.code,
  };
}
