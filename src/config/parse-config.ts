/**
 * Turns the text of a `.seaworthy.yaml` into a `Config`. Strict on purpose: an
 * unknown key or rule id is an error naming it, with its line, because a typo
 * must never silently disable a check. What can be read is still returned.
 */
import type { ScanError } from '../model/finding.js';
import { isSeverity, SEVERITIES } from '../model/severity.js';
import { META_RULE_IDS } from '../engine/meta-rules.js';
import { parseYaml, YamlSyntaxError } from '../sources/yaml/parse-yaml.js';
import { nodeLoc } from '../sources/yaml/yaml-node.js';
import type { SourceFile } from '../sources/source-file.js';
import { defaultConfig, POD_SECURITY_LEVELS, type Config, type ConfigException, type PodSecurity, type RuleConfig } from './config.js';
import { ConfigReader, describe, type Field } from './config-reader.js';
import { suggestion } from './did-you-mean.js';
import { parseSize } from './parse-size.js';
import { parseDuration } from '../scan/file-budget.js';
import { parseAdmissionConfig } from './parse-admission-config.js';
import { parseFixConfig } from './parse-fix-config.js';
import { parseSignaturesConfig } from './parse-signatures-config.js';

/** Every top-level key, in the order the docs list them. */
export const CONFIG_KEYS = [
  'rules',
  'failOn',
  'trustedRegistries',
  'dangerousCapabilities',
  'dangerousCapabilitiesAdd',
  'untrusted',
  'sandboxRuntimes',
  'podSecurity',
  'maxFileSize',
  'maxFileTime',
  'foreignRealm',
  'exclude',
  'exceptions',
  'admission',
  'fix',
  'signatures',
] as const;

export const RULE_CONFIG_KEYS = ['severity', 'enabled', 'options'] as const;
export const EXCEPTION_KEYS = ['rule', 'paths', 'resource', 'advisories', 'reason', 'expires'] as const;
export const EXCEPTION_RESOURCE_KEYS = ['kind', 'namespace', 'name'] as const;
export const UNTRUSTED_KEYS = ['namespaces', 'labels'] as const;

export const POD_SECURITY_PATTERN = '^(baseline|restricted)(:(v1\\.[0-9]+|latest))?$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export interface ParsedConfig {
  config: Config;
  errors: ScanError[];
}

/**
 * Parses a configuration file. Meta-rule ids (`unused-suppression`…) are always known.
 *
 * @example
 * const { config, errors } = parseConfig(sourceFile('.seaworthy.yaml', text), rules.map((r) => r.id));
 * errors[0]; // { file: '.seaworthy.yaml', line: 3, column: 3, message: "unknown rule 'privileged-containr' (did you mean …", code: 'config' }
 */
export function parseConfig(src: SourceFile, knownRuleIds: readonly string[]): ParsedConfig {
  const errors: ScanError[] = [];
  const config = defaultConfig();
  let docs;
  try {
    docs = parseYaml(src);
  } catch (error) {
    const e = error as YamlSyntaxError;
    errors.push({ file: src.path, ...(e.line !== undefined && { line: e.line, column: e.column }), message: `invalid YAML: ${e.message}`, code: 'config' });
    return { config, errors };
  }
  const reader = new ConfigReader(src.path, errors);
  const doc = docs.find((d) => d.node !== undefined);
  if (!doc?.node || doc.value === null) return { config, errors };
  if (docs.length > 1) reader.error(docs[1]!.node ?? doc.node, 'a configuration file holds one YAML document; found several');
  const top = reader.map({ value: doc.value, node: doc.node }, 'the configuration');
  if (!top) return { config, errors };
  reader.onlyKeys({ value: doc.value, node: doc.node }, top, CONFIG_KEYS, 'the configuration');

  const known = [...new Set([...knownRuleIds, ...META_RULE_IDS])];
  const ruleIds = (field: Field, what: string): string[] | undefined => {
    const ids = reader.strings(field, what, true);
    if (!ids) return undefined;
    if (!ids.length) reader.error(field.node, `${what} names no rule`);
    const good = ids.filter((id) => known.includes(id));
    for (const id of ids) if (!known.includes(id)) reader.error(field.node, `unknown rule '${id}' in ${what}${suggestion(id, known)}`);
    return good;
  };

  const get = (key: (typeof CONFIG_KEYS)[number]): Field | undefined => top.get(key);
  let f: Field | undefined;

  if ((f = get('rules'))) {
    const entries = reader.map(f, 'rules');
    for (const [id, setting] of entries ?? []) {
      if (!known.includes(id)) {
        const keyNode = f.node.kind === 'map' ? (f.node.entries.get(id)?.key ?? f.node) : f.node;
        reader.error(keyNode, `unknown rule '${id}'${suggestion(id, known)}`);
        continue;
      }
      const rc = ruleConfig(reader, setting, `rules.${id}`);
      if (rc) config.rules[id] = rc;
    }
  }
  if ((f = get('failOn'))) {
    if (f.value === 'none' || isSeverity(f.value)) config.failOn = f.value;
    else reader.error(f.node, `failOn must be one of ${SEVERITIES.join(', ')}, none; found ${describe(f.value)}`);
  }
  if ((f = get('trustedRegistries'))) config.trustedRegistries = reader.strings(f, 'trustedRegistries') ?? [];
  if ((f = get('dangerousCapabilities'))) config.dangerousCapabilities = capabilities(reader, f, 'dangerousCapabilities') ?? config.dangerousCapabilities;
  if ((f = get('dangerousCapabilitiesAdd'))) {
    const add = capabilities(reader, f, 'dangerousCapabilitiesAdd') ?? [];
    config.dangerousCapabilities = [...new Set([...config.dangerousCapabilities, ...add])];
  }
  if ((f = get('untrusted'))) {
    const entries = reader.map(f, 'untrusted');
    if (entries) {
      reader.onlyKeys(f, entries, UNTRUSTED_KEYS, 'untrusted');
      const ns = entries.get('namespaces');
      const labels = entries.get('labels');
      if (ns) config.untrusted.namespaces = reader.strings(ns, 'untrusted.namespaces') ?? [];
      if (labels) config.untrusted.labels = reader.stringMap(labels, 'untrusted.labels') ?? {};
    }
  }
  if ((f = get('sandboxRuntimes'))) config.sandboxRuntimes = reader.strings(f, 'sandboxRuntimes') ?? config.sandboxRuntimes;
  if ((f = get('podSecurity'))) {
    const ps = podSecurity(f.value);
    if (ps) config.podSecurity = ps;
    else reader.error(f.node, `podSecurity must be 'baseline' or 'restricted', optionally with ':v1.N' or ':latest'; found ${describe(f.value)}`);
  }
  if ((f = get('maxFileSize'))) {
    const size = parseSize(f.value);
    if (size) config.maxFileSize = size;
    else reader.error(f.node, `maxFileSize must be a positive number of bytes or a size like '10MiB'; found ${describe(f.value)}`);
  }
  if ((f = get('foreignRealm'))) {
    if (f.value === 'anonymous' || f.value === 'refuse') config.foreignRealm = f.value;
    else reader.error(f.node, `foreignRealm must be 'anonymous' or 'refuse'; found ${describe(f.value)}`);
  }
  if ((f = get('maxFileTime'))) {
    const ms = typeof f.value === 'number' ? parseDuration(String(f.value)) : typeof f.value === 'string' ? parseDuration(f.value) : undefined;
    if (ms) config.maxFileTime = ms;
    else reader.error(f.node, `maxFileTime must be a positive number of seconds or a duration like '10s' or '500ms'; found ${describe(f.value)}`);
  }
  if ((f = get('exclude'))) config.exclude = reader.strings(f, 'exclude') ?? [];
  if ((f = get('exceptions'))) {
    (reader.list(f, 'exceptions') ?? []).forEach((item, i) => {
      const ex = exception(reader, item, `exceptions[${i}]`, ruleIds);
      if (ex) config.exceptions.push(ex);
    });
  }
  if ((f = get('admission'))) config.admission = parseAdmissionConfig(reader, f, known);
  if ((f = get('fix'))) config.fix = parseFixConfig(reader, f);
  if ((f = get('signatures'))) config.signatures = parseSignaturesConfig(reader, f);
  // In file order, whatever order the keys were checked in.
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { config, errors };
}

function ruleConfig(reader: ConfigReader, f: Field, what: string): RuleConfig | undefined {
  if (f.value === 'off') return { enabled: false };
  if (isSeverity(f.value)) return { severity: f.value };
  if (typeof f.value === 'object' && f.value !== null && !Array.isArray(f.value)) {
    const entries = reader.map(f, what)!;
    reader.onlyKeys(f, entries, RULE_CONFIG_KEYS, what);
    const rc: RuleConfig = {};
    const sev = entries.get('severity');
    if (sev) {
      if (isSeverity(sev.value)) rc.severity = sev.value;
      else reader.error(sev.node, `${what}.severity must be one of ${SEVERITIES.join(', ')}; found ${describe(sev.value)}`);
    }
    const enabled = entries.get('enabled');
    if (enabled) {
      if (typeof enabled.value === 'boolean') rc.enabled = enabled.value;
      else reader.error(enabled.node, `${what}.enabled must be true or false; found ${describe(enabled.value)}`);
    }
    const options = entries.get('options');
    if (options) rc.options = options.value;
    return rc;
  }
  reader.error(f.node, `${what} must be 'off', a severity (${SEVERITIES.join(', ')}) or a mapping with severity, enabled, options; found ${describe(f.value)}`);
  return undefined;
}

function capabilities(reader: ConfigReader, f: Field, what: string): string[] | undefined {
  const names = reader.strings(f, what);
  if (!names) return undefined;
  // People write `CAP_SYS_ADMIN`, `sys_admin` and `SYS_ADMIN` for the same thing.
  const out: string[] = [];
  names.forEach((name, i) => {
    const norm = name.trim().toUpperCase().replace(/^CAP_/, '');
    if (/^[A-Z_]+$/.test(norm)) out.push(norm);
    else reader.error(f.node.kind === 'seq' ? (f.node.items[i] ?? f.node) : f.node, `${what}[${i}] is not a capability name: ${describe(name)}`);
  });
  return out;
}

function podSecurity(value: unknown): PodSecurity | undefined {
  if (typeof value !== 'string') return undefined;
  const m = new RegExp(POD_SECURITY_PATTERN).exec(value);
  if (!m) return undefined;
  return { level: m[1] as (typeof POD_SECURITY_LEVELS)[number], version: m[3] ?? 'latest' };
}

function exception(
  reader: ConfigReader,
  f: Field,
  what: string,
  ruleIds: (f: Field, what: string) => string[] | undefined,
): ConfigException | undefined {
  const entries = reader.map(f, what);
  if (!entries) return undefined;
  reader.onlyKeys(f, entries, EXCEPTION_KEYS, what);
  let ok = true;
  const rule = entries.get('rule');
  const rules = rule ? ruleIds(rule, `${what}.rule`) : undefined;
  if (!rule) {
    reader.error(f.node, `${what} needs 'rule': the rule id (or a list of them) it accepts`);
    ok = false;
  }
  const reasonField = entries.get('reason');
  const reason = reasonField ? reader.string(reasonField, `${what}.reason`) : undefined;
  if (!reason?.trim()) {
    reader.error(reasonField?.node ?? f.node, `${what} needs a non-empty 'reason': why the risk is accepted`);
    ok = false;
  }
  const ex: ConfigException = { rules: rules ?? [], reason: reason ?? '', loc: nodeLoc(f.node) };
  const paths = entries.get('paths');
  if (paths) {
    const globs = reader.strings(paths, `${what}.paths`, true);
    if (globs) ex.paths = globs;
    else ok = false;
  }
  const resource = entries.get('resource');
  if (resource) {
    const map = reader.stringMap(resource, `${what}.resource`);
    if (map) {
      const known = new Map([...Object.entries(map)].map(([k, v]) => [k, { value: v, node: resource.node }]));
      reader.onlyKeys(resource, known, EXCEPTION_RESOURCE_KEYS, `${what}.resource`);
      ex.resource = {};
      if (map['kind'] !== undefined) ex.resource.kind = map['kind'];
      if (map['namespace'] !== undefined) ex.resource.namespace = map['namespace'];
      if (map['name'] !== undefined) ex.resource.name = map['name'];
    } else ok = false;
  }
  const advisories = entries.get('advisories');
  if (advisories) {
    const ids = reader.strings(advisories, `${what}.advisories`, true);
    if (ids) ex.advisories = ids;
    else ok = false;
  }
  const expires = entries.get('expires');
  if (expires) {
    if (isDate(expires.value)) ex.expires = expires.value;
    else {
      reader.error(expires.node, `${what}.expires must be a date written YYYY-MM-DD; found ${describe(expires.value)}`);
      ok = false;
    }
  }
  // An exception that could not be read whole is dropped: suppressing more than
  // the author meant would be worse than reporting the error and suppressing nothing.
  return ok && rules?.length ? ex : undefined;
}

function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !new RegExp(DATE_PATTERN).test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}
