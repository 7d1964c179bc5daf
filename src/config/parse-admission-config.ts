/**
 * Reads the `admission:` section (see admission-config.ts), strictly like the rest
 * of the configuration: an unknown key, mode or rule id is an error at its line.
 */
import { isSeverity, SEVERITIES } from '../model/severity.js';
import { ADMISSION_MODES, defaultAdmissionConfig, type AdmissionConfig, type AdmissionMode, type NamespaceAdmission } from './admission-config.js';
import { describe, type ConfigReader, type Field } from './config-reader.js';
import { suggestion } from './did-you-mean.js';
import type { FailOn } from './config.js';

export const ADMISSION_KEYS = ['enforceOn', 'warnOn', 'rules', 'namespaces', 'namespaceLabels', 'mutate', 'mutateUid'] as const;
export const NAMESPACE_ADMISSION_KEYS = ['mode', 'rules', 'labels'] as const;
export const NAMESPACE_LABEL_SOURCES = ['auto', 'api', 'config'] as const;

export function parseAdmissionConfig(reader: ConfigReader, field: Field, knownRuleIds: readonly string[]): AdmissionConfig {
  const out = defaultAdmissionConfig();
  const entries = reader.map(field, 'admission');
  if (!entries) return out;
  reader.onlyKeys(field, entries, ADMISSION_KEYS, 'admission');
  const threshold = (f: Field | undefined, what: string): FailOn | undefined => {
    if (!f) return undefined;
    if (f.value === 'none' || isSeverity(f.value)) return f.value;
    reader.error(f.node, `${what} must be one of ${SEVERITIES.join(', ')}, none; found ${describe(f.value)}`);
    return undefined;
  };
  out.enforceOn = threshold(entries.get('enforceOn'), 'admission.enforceOn') ?? out.enforceOn;
  out.warnOn = threshold(entries.get('warnOn'), 'admission.warnOn') ?? out.warnOn;
  const rules = entries.get('rules');
  if (rules) out.rules = modes(reader, rules, 'admission.rules', knownRuleIds);
  const namespaces = entries.get('namespaces');
  if (namespaces) {
    for (const [name, f] of reader.map(namespaces, 'admission.namespaces') ?? []) {
      const ns = namespace(reader, f, `admission.namespaces.${name}`, knownRuleIds);
      if (ns) out.namespaces[name] = ns;
    }
  }
  const labels = entries.get('namespaceLabels');
  if (labels) {
    if ((NAMESPACE_LABEL_SOURCES as readonly unknown[]).includes(labels.value)) out.namespaceLabels = labels.value as AdmissionConfig['namespaceLabels'];
    else reader.error(labels.node, `admission.namespaceLabels must be one of ${NAMESPACE_LABEL_SOURCES.join(', ')}; found ${describe(labels.value)}`);
  }
  const mutate = entries.get('mutate');
  if (mutate) {
    const ids = reader.strings(mutate, 'admission.mutate') ?? [];
    for (const id of ids) if (!knownRuleIds.includes(id)) reader.error(mutate.node, `unknown rule '${id}' in admission.mutate${suggestion(id, knownRuleIds)}`);
    out.mutate = ids.filter((id) => knownRuleIds.includes(id));
  }
  const uid = entries.get('mutateUid');
  if (uid) {
    if (typeof uid.value === 'number' && Number.isInteger(uid.value) && uid.value > 0) out.mutateUid = uid.value;
    else reader.error(uid.node, `admission.mutateUid must be a positive integer (a non-root UID); found ${describe(uid.value)}`);
  }
  return out;
}

function modes(reader: ConfigReader, field: Field, what: string, knownRuleIds: readonly string[]): Record<string, AdmissionMode> {
  const out: Record<string, AdmissionMode> = {};
  for (const [id, f] of reader.map(field, what) ?? []) {
    if (!knownRuleIds.includes(id)) {
      reader.error(f.node, `unknown rule '${id}' in ${what}${suggestion(id, knownRuleIds)}`);
      continue;
    }
    const mode = modeOf(reader, f, `${what}.${id}`);
    if (mode) out[id] = mode;
  }
  return out;
}

function modeOf(reader: ConfigReader, f: Field, what: string): AdmissionMode | undefined {
  if ((ADMISSION_MODES as readonly unknown[]).includes(f.value)) return f.value as AdmissionMode;
  reader.error(f.node, `${what} must be one of ${ADMISSION_MODES.join(', ')}; found ${describe(f.value)}`);
  return undefined;
}

function namespace(reader: ConfigReader, field: Field, what: string, knownRuleIds: readonly string[]): NamespaceAdmission | undefined {
  const entries = reader.map(field, what);
  if (!entries) return undefined;
  reader.onlyKeys(field, entries, NAMESPACE_ADMISSION_KEYS, what);
  const ns: NamespaceAdmission = {};
  const mode = entries.get('mode');
  if (mode) {
    const m = modeOf(reader, mode, `${what}.mode`);
    if (m) ns.mode = m;
  }
  const rules = entries.get('rules');
  if (rules) ns.rules = modes(reader, rules, `${what}.rules`, knownRuleIds);
  const labels = entries.get('labels');
  if (labels) {
    const map = reader.stringMap(labels, `${what}.labels`);
    if (map) ns.labels = map;
  }
  return ns;
}
