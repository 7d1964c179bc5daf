/**
 * Quadlet `.container` units: the hardening keys of `[Container]` (`NoNewPrivileges=`,
 * `DropCapability=`, `ReadOnly=`, `User=`/`Group=`, `PidsLimit=`, `Memory=`) and
 * `[Service]` `CPUQuota=`, as operations on `/<Section>/<Key>` written as new
 * `Key=value` lines after the section's last entry; `PublishPort=` (also in a
 * `.pod` unit's `[Pod]`) and `Tmpfs=` values completed in place. Comments and the order of existing lines stay.
 */
import { LineIndex } from '../../model/location.js';
import { sourceFile } from '../../sources/source-file.js';
import { parseUnitFile, type UnitSection } from '../../sources/quadlet/unit-file.js';
import type { EditOperation, OperationDraft } from '../edit-operation.js';
import { listHas } from '../edit-operation.js';
import { parsePointer } from '../json-pointer.js';
import { DEFAULT_PIDS_LIMIT, imageFixUser, type FixOptions } from '../fix-options.js';
import { applyTextEdits, lineEndingAt, nextLineStart, type TextEdit } from '../text-edit.js';
import { bindPort, engineCpus, engineSize, hardenTmpfsSpec, tmpfsSize } from './engine-values.js';
import { imageOf, type FixRequest, type FixResult } from './fixer.js';
import { startOffset } from './location-offsets.js';

type UnitOps = (options: FixOptions, image?: string) => OperationDraft[];
const set = (section: string, key: string, value: string): OperationDraft => ({ op: 'set', path: `/${section}/${key}`, value });

export const QUADLET_FIXES: Readonly<Record<string, UnitOps>> = {
  'privilege-escalation-allowed': () => [set('Container', 'NoNewPrivileges', 'true')],
  'capabilities-not-dropped': () => [{ op: 'add-to-list', path: '/Container/DropCapability', value: 'all', ignoreCase: true }],
  // podman keeps a tmpfs at /tmp, /var/tmp and /run on a read-only root (--read-only-tmpfs).
  'writable-root-fs': () => [set('Container', 'ReadOnly', 'true')],
  // The image's own numeric user where it is known, else the configured one.
  'run-as-root': (options, image) => {
    const user = imageFixUser(image, options);
    return [set('Container', 'User', String(user.uid)), ...(user.gid !== undefined ? [set('Container', 'Group', String(user.gid))] : [])];
  },
  'missing-pids-limit': (options) => [set('Container', 'PidsLimit', String(options.pidsLimit ?? DEFAULT_PIDS_LIMIT))],
  'missing-memory-limit': (options) => {
    const size = engineSize(options.memoryLimit);
    return size ? [set('Container', 'Memory', size)] : [];
  },
  'missing-cpu-limit': (options) => {
    const cpus = engineCpus(options.cpuLimit);
    return cpus ? [set('Service', 'CPUQuota', `${Math.round(Number(cpus) * 100)}%`)] : [];
  },
};

export function fixQuadlet(request: FixRequest): FixResult {
  const src = sourceFile(request.path, request.text);
  // `[Pod]` (a `.pod` unit) publishes ports too; every other key is a container's.
  const sections = parseUnitFile(src).sections.filter((s) => s.name === 'Container' || s.name === 'Pod');
  if (!sections.length) return { text: request.text, applied: [] };
  const kept = new Set(request.kept.map((f) => f.ruleId));
  const applied: EditOperation[] = [];
  let text = request.text;
  // Values first (they do not move lines), then one new line per operation.
  const lines = new LineIndex(text);
  const valueEdits: TextEdit[] = [];
  for (const entry of sections.flatMap((section) => section.entries.map((e) => ({ ...e, section: section.name })))) {
    const flagged = (rule: string) => request.findings.some((f) => f.ruleId === rule && f.location.startLine === entry.loc.startLine);
    let value: string | undefined;
    if (entry.key === 'PublishPort' && request.options.bindAddress && flagged('port-exposed-all-interfaces')) value = bindPort(entry.value.value, request.options.bindAddress);
    else if (entry.key === 'Tmpfs' && entry.section === 'Container' && flagged('tmpfs-unhardened')) value = hardenTmpfsSpec(entry.value.value, tmpfsSize(request.options));
    if (!value || entry.loc.startLine !== entry.loc.endLine || entry.value.dynamic) continue;
    const start = startOffset(lines, entry.value.loc);
    const end = start + entry.value.value.length;
    if (text.slice(start, end) !== entry.value.value) continue; // quoted: leave it
    valueEdits.push({ start, end, text: value });
    applied.push({ op: 'set', path: `/${entry.section}/${entry.key}`, value, replace: true, rule: entry.key === 'Tmpfs' ? 'tmpfs-unhardened' : 'port-exposed-all-interfaces' });
  }
  text = applyTextEdits(text, valueEdits);
  // New keys go into `[Container]`: a pod unit gets none.
  if (!sections.some((s) => s.name === 'Container')) return { text, applied };
  for (const rule of new Set(request.findings.map((f) => f.ruleId))) {
    if (kept.has(rule)) continue;
    const image = imageOf(request.findings.find((f) => f.ruleId === rule)!, request.containers);
    for (const op of QUADLET_FIXES[rule]?.(request.options, image) ?? []) {
      const operation = { ...op, rule } as EditOperation;
      const next = unitEdit(text, operation);
      if (next === undefined) continue;
      text = next;
      applied.push(operation);
    }
  }
  return { text, applied };
}

/** The text with one operation made, or undefined when it changes nothing. */
function unitEdit(text: string, operation: EditOperation): string | undefined {
  const [sectionName, key] = parsePointer(operation.path);
  if (!sectionName || !key || operation.op === 'remove') return undefined;
  const sections = parseUnitFile(sourceFile('unit', text)).sections;
  const section = sections.filter((s) => s.name === sectionName).at(-1);
  const values = sections.filter((s) => s.name === sectionName).flatMap((s) => s.entries.filter((e) => e.key === key).map((e) => e.value.value));
  if (operation.op === 'set' && values.length) return undefined;
  if (operation.op === 'add-to-list' && listHas(values.flatMap((v) => v.split(/\s+/)), operation)) return undefined;
  const line = `${key}=${String(operation.value)}`;
  if (!section) {
    const eol = lineEndingAt(text, 0);
    // A new section goes before `[Install]`, which units conventionally end with.
    const install = sections.find((s) => s.name === 'Install');
    if (install && sectionName !== 'Install') {
      const index = new LineIndex(text);
      // Above the comment lines that introduce `[Install]`, not between them and it.
      let row = install.loc.startLine;
      while (row > 1 && /^[ \t]*[#;]/.test(text.slice(index.lineStart(row - 1), index.lineStart(row)))) row--;
      const at = index.lineStart(row);
      return applyTextEdits(text, [{ start: at, end: at, text: `[${sectionName}]${eol}${line}${eol}${eol}` }]);
    }
    const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
    return `${text}${sep}${eol}[${sectionName}]${eol}${line}${eol}`;
  }
  return insertAfterSection(text, section, line);
}

function insertAfterSection(text: string, section: UnitSection, line: string): string {
  const lines = new LineIndex(text);
  const lastLine = section.entries.at(-1)?.loc.endLine ?? section.loc.startLine;
  const after = lines.lineStart(lastLine);
  const at = nextLineStart(text, after);
  const eol = lineEndingAt(text, after);
  const edit = at === text.length && !text.endsWith('\n') ? { start: at, end: at, text: eol + line } : { start: at, end: at, text: line + eol };
  return applyTextEdits(text, [edit]);
}
