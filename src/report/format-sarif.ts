/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one run, the
 * whole rule catalogue as `tool.driver.rules`, one result per finding with a
 * region that has columns (Trivy's are line-only), logical locations for the
 * Kubernetes object or image, and fingerprints that survive unrelated edits.
 *
 * Fingerprints (`partialFingerprints.primaryLocationLineHash`, in GitHub's
 * `hash:occurrence` form): the hash covers rule id, file URI, resource
 * (kind/namespace/name/container/image/layer/path) and message, never a line or
 * column, so a finding keeps its identity when lines are added above it. The
 * occurrence number tells apart identical findings in one file, counted in
 * position order. The source line's text is deliberately left out: reporters see
 * only the scan result, and the message already names the value judged.
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { Finding, ScanError } from '../model/finding.js';
import type { InputKind } from '../model/input-kind.js';
import { compareLocations, type Location } from '../model/location.js';
import type { ResourceRef } from '../model/resource.js';
import type { Severity } from '../model/severity.js';
import type { RuleDefinition } from '../rules/rule.js';
import { sortErrors, sortFindings, type ScanResult } from './scan-result.js';

export interface SarifOptions {
  /**
   * Absolute directory that relative paths are relative to. When given, it is
   * published as `originalUriBaseIds['%SRCROOT%']` and absolute paths under it are
   * made relative. The CLI passes the repository root or the working directory.
   */
  baseDir?: string;
  /** `tool.driver.informationUri`. */
  informationUri?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
const DEFAULT_INFORMATION_URI = 'https://www.npmjs.com/package/seaworthy';

const LEVEL: Record<Severity, Sarif.Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** GitHub maps > 9.0 to critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const INPUT_TAG: Record<InputKind, string> = {
  DF: 'dockerfile',
  K8S: 'kubernetes',
  CMP: 'compose',
  RUN: 'container-run',
  QL: 'quadlet',
  IMG: 'oci-image',
};

/**
 * Formats a scan as a SARIF 2.1.0 log.
 *
 * @example
 * writeFileSync('seaworthy.sarif', formatSarif(result, { baseDir: process.cwd() }));
 */
export function formatSarif(result: ScanResult, options: SarifOptions = {}): string {
  let out = '';
  for (const chunk of sarifChunks(result, options)) out += chunk;
  return out;
}

/** The results array as it sits in the pretty log: four levels deep. */
const RESULTS_KEY = '\n      "results": []';
const RESULT_INDENT = '\n        ';

/**
 * The SARIF log in pieces, one result at a time, so a log of a million results is
 * written as it is made rather than held whole. Joined, the pieces are exactly
 * `JSON.stringify(toSarifLog(result, options), null, 2)` and a newline.
 *
 * @example
 * for (const chunk of sarifChunks(result)) stream.write(chunk);
 */
export function* sarifChunks(result: ScanResult, options: SarifOptions = {}): Generator<string> {
  const { log, results } = sarifParts(result, options);
  const frame = JSON.stringify(log, null, 2);
  const at = frame.indexOf(RESULTS_KEY);
  yield frame.slice(0, at + RESULTS_KEY.length - 1);
  let count = 0;
  for (const r of results) yield `${count++ ? ',' : ''}${RESULT_INDENT}${JSON.stringify(r, null, 2).replace(/\n/g, RESULT_INDENT)}`;
  yield `${count ? '\n      ' : ''}]${frame.slice(at + RESULTS_KEY.length)}\n`;
}

/** The SARIF log as an object. */
export function toSarifLog(result: ScanResult, options: SarifOptions = {}): Sarif.Log {
  const { log, results } = sarifParts(result, options);
  log.runs[0]!.results = [...results];
  return log;
}

/** The log with an empty results array, and its results, made as they are read. */
function sarifParts(result: ScanResult, options: SarifOptions): { log: Sarif.Log; results: Iterable<Sarif.Result> } {
  const findings = sortFindings(result.findings);
  const descriptors = ruleDescriptors(result.rules, findings);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  // Accepted findings are results too, marked suppressed with the reason given, so
  // code scanning shows them as dismissed instead of losing them.
  const accepted = [...(result.accepted ?? [])].sort((x, y) => compareLocations(x.finding.location, y.finding.location));
  // Descriptors for accepted findings of rules not in the catalogue are added now,
  // before the log's frame is written.
  const acceptedIndex = accepted.map((a) => index.get(sarifRuleId(a.finding)) ?? ensureDescriptor(descriptors, index, sarifRuleId(a.finding), a.finding));
  function* results(): Generator<Sarif.Result> {
    const occurrences = new Map<string, number>();
    for (const f of findings) yield toResult(f, index.get(sarifRuleId(f))!, options, occurrences);
    for (let i = 0; i < accepted.length; i++) {
      const a = accepted[i]!;
      const r = toResult(a.finding, acceptedIndex[i]!, options, occurrences);
      r.suppressions = [{ kind: a.kind, status: 'accepted', ...(a.justification !== undefined && { justification: a.justification }) }];
      yield r;
    }
  }
  const notifications = [
    ...sortErrors(result.errors).map((e) => toNotification(e, 'error', options)),
    ...sortErrors(result.warnings ?? []).map((w) => toNotification(w, 'warning', options)),
  ];
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'seaworthy',
        version: result.toolVersion,
        semanticVersion: result.toolVersion,
        informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
        rules: descriptors,
      },
    },
    invocations: [
      {
        // An input that could not be read means the run did not do all it was asked.
        executionSuccessful: result.errors.length === 0,
        // Which configuration decided what ran: a found .seaworthy.yaml can switch rules off.
        properties: { configFile: result.configFile ?? null },
        ...(notifications.length && { toolExecutionNotifications: notifications }),
      },
    ],
    // Our columns are JavaScript string offsets + 1, i.e. UTF-16 code units.
    columnKind: 'utf16CodeUnits',
    results: [],
  };
  if (options.baseDir) run.originalUriBaseIds = { [SRCROOT]: { uri: directoryUri(options.baseDir) } };
  return { log: { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, results: results() };
}

/** Adds a bare descriptor for a rule id that has none yet; returns its index. */
function ensureDescriptor(descriptors: Sarif.ReportingDescriptor[], index: Map<string, number>, id: string, finding: Finding): number {
  descriptors.push(finding.vulnerability ? advisoryDescriptor(finding) : { id, name: pascalCase(id), shortDescription: { text: id } });
  index.set(id, descriptors.length - 1);
  return descriptors.length - 1;
}

function ruleDescriptors(rules: readonly RuleDefinition[], findings: Finding[]): Sarif.ReportingDescriptor[] {
  const descriptors = rules.map(ruleDescriptor);
  const known = new Set(rules.map((r) => r.id));
  // A finding from a rule missing in the catalogue still needs a descriptor for its ruleIndex.
  const unknown = [...new Set(findings.map((f) => f.ruleId).filter((id) => !known.has(id)))].sort();
  for (const id of unknown) descriptors.push({ id, name: pascalCase(id), shortDescription: { text: id } });
  // One descriptor per advisory, as code scanning expects of vulnerability scanners.
  const advisories = new Map<string, Finding>();
  for (const f of findings) if (f.vulnerability && !advisories.has(sarifRuleId(f))) advisories.set(sarifRuleId(f), f);
  for (const id of [...advisories.keys()].sort()) descriptors.push(advisoryDescriptor(advisories.get(id)!));
  return descriptors;
}

/** `vulnerable-package/DSA-5514-1`: SARIF rule ids may be hierarchical, so the rule id stays in front. */
function sarifRuleId(f: Finding): string {
  return f.vulnerability ? `${f.ruleId}/${f.vulnerability.advisoryId}` : f.ruleId;
}

function advisoryDescriptor(f: Finding): Sarif.ReportingDescriptor {
  const v = f.vulnerability!;
  const score = /\s(\d+(?:\.\d+)?)$/.exec(v.severitySource ?? '')?.[1];
  const title = `${v.advisoryId}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}`;
  const text = `${title}${v.summary ? `: ${v.summary}` : ''} in ${v.sourcePackage} (${v.ecosystem})`;
  return {
    id: sarifRuleId(f),
    name: 'VulnerablePackage',
    shortDescription: { text },
    fullDescription: { text: `${text}. ${v.fixedVersion ? `Fixed in ${v.fixedVersion}.` : 'No fix in this release yet.'}` },
    help: { text: `${text}.${v.url ? ` See ${v.url}.` : ''}`, markdown: `**${title}**${v.summary ? `: ${v.summary}` : ''}${v.url ? `\n\n[${v.advisoryId}](${v.url})` : ''}` },
    ...(v.url && { helpUri: v.url }),
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: {
      tags: ['security', 'vulnerability', 'oci-image', ...v.aliases],
      'security-severity': score ?? SECURITY_SEVERITY[f.severity],
    },
  };
}

function ruleDescriptor(rule: RuleDefinition): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: LEVEL[rule.severity], ...(rule.defaultOff && { enabled: false }) },
    properties: {
      tags: ['security', 'containers', ...rule.inputs.map((i) => INPUT_TAG[i])],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function helpText(rule: RuleDefinition): string {
  const refs = rule.references.map((r) => `- ${r.title}${r.url ? ` (${r.url})` : ''}`);
  return [rule.rationale, `Remedy: ${rule.remedy}`, ...(refs.length ? [`References:\n${refs.join('\n')}`] : [])].join('\n\n');
}

function helpMarkdown(rule: RuleDefinition): string {
  const refs = rule.references.map((r) => `- ${r.url ? `[${r.title}](${r.url})` : r.title}`);
  return [`**${rule.title}**`, rule.rationale, `**Remedy:** ${rule.remedy}`, ...(refs.length ? [`**References:**\n\n${refs.join('\n')}`] : [])].join(
    '\n\n',
  );
}

function toResult(f: Finding, ruleIndex: number, options: SarifOptions, occurrences: Map<string, number>): Sarif.Result {
  const artifact = artifactLocation(f.location.file, options);
  const location: Sarif.Location = { physicalLocation: { artifactLocation: artifact, region: region(f.location) } };
  if (f.resource) location.logicalLocations = [logicalLocation(f.resource)];
  const hash = fingerprint(f, artifact.uri!);
  const n = (occurrences.get(hash) ?? 0) + 1;
  occurrences.set(hash, n);
  const out: Sarif.Result = {
    ruleId: sarifRuleId(f),
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location],
    partialFingerprints: { primaryLocationLineHash: `${hash}:${n}` },
    properties: { severity: f.severity, ...(f.fieldPath !== undefined && { fieldPath: f.fieldPath }), ...(f.origin && { origin: f.origin }) },
  };
  if (f.related?.length) {
    out.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      message: { text: r.message },
      physicalLocation: { artifactLocation: artifactLocation(r.location.file, options), region: region(r.location) },
    }));
  }
  return out;
}

function region(l: Location): Sarif.Region {
  const startColumn = Math.max(1, l.startColumn);
  const endLine = Math.max(l.startLine, l.endLine);
  // SARIF forbids an end before the start; an empty range is an insertion point.
  const endColumn = endLine === l.startLine ? Math.max(startColumn, l.endColumn) : Math.max(1, l.endColumn);
  return { startLine: Math.max(1, l.startLine), startColumn, endLine, endColumn };
}

function resourceName(r: ResourceRef): string {
  if (r.image !== undefined) return [r.image, r.layer, r.path].filter((p) => p !== undefined).join('/');
  return [r.kind, r.namespace, r.name, r.container].filter((p) => p !== undefined).join('/');
}

function logicalLocation(r: ResourceRef): Sarif.LogicalLocation {
  return {
    name: r.container ?? r.path ?? r.name ?? r.image ?? r.kind,
    fullyQualifiedName: resourceName(r),
    kind: r.container !== undefined ? 'member' : 'resource',
  };
}

function fingerprint(f: Finding, uri: string): string {
  const parts = [f.ruleId, uri, f.resource ? resourceName(f.resource) : '', f.message];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

function toNotification(e: ScanError, level: 'error' | 'warning', options: SarifOptions): Sarif.Notification {
  const n: Sarif.Notification = { level, message: { text: e.message }, descriptor: { id: e.code } };
  const physical: Sarif.PhysicalLocation = { artifactLocation: artifactLocation(e.file, options) };
  if (e.line !== undefined) physical.region = { startLine: e.line, ...(e.column !== undefined && { startColumn: e.column }) };
  n.locations = [{ physicalLocation: physical }];
  return n;
}

const WINDOWS_DRIVE = /^[A-Za-z]:\//;

/**
 * A path as a SARIF artifact location: relative paths (the usual case: the user
 * named them relative to where they ran) become forward-slash URIs against
 * `%SRCROOT%`; absolute ones become `file://` URIs unless under `baseDir`.
 */
export function artifactLocation(path: string, options: SarifOptions = {}): Sarif.ArtifactLocation {
  const p = path.replace(/\\/g, '/');
  const absolute = p.startsWith('/') || WINDOWS_DRIVE.test(p);
  if (!absolute) return relativeLocation(p);
  if (options.baseDir) {
    const base = options.baseDir.replace(/\\/g, '/').replace(/\/+$/, '') + '/';
    if (p.startsWith(base)) return relativeLocation(p.slice(base.length));
  }
  return { uri: 'file://' + (p.startsWith('/') ? '' : '/') + encodePath(p) };
}

function relativeLocation(path: string): Sarif.ArtifactLocation {
  let rel = path.replace(/\/{2,}/g, '/');
  while (rel.startsWith('./')) rel = rel.slice(2);
  return { uri: encodePath(rel), uriBaseId: SRCROOT };
}

function encodePath(p: string): string {
  // Encode each segment, so `:`, `#`, `?` and spaces cannot be read as URI syntax;
  // a Windows drive letter keeps its colon.
  return p
    .split('/')
    .map((seg, i) => (i <= 1 && /^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg)))
    .join('/');
}

function directoryUri(dir: string): string {
  const p = dir.replace(/\\/g, '/').replace(/\/+$/, '');
  return 'file://' + (p.startsWith('/') ? '' : '/') + encodePath(p) + '/';
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
