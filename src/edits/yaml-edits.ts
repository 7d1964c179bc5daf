/**
 * Edit operations on a YAML document (Kubernetes manifests, Compose files) as
 * text edits. The document is parsed with the scanner's own parser; each
 * operation becomes one insertion or deletion at a located span:
 *
 * - a new key goes after the mapping's last key, at its siblings' indentation, in
 *   block style for a block mapping and inline for a flow mapping (`{a: 1}`);
 * - a new list item follows the last item, after its dash or its comma;
 * - new nested mappings use the file's indentation step, new lists of scalars are
 *   written flow (`drop: [ALL]`), strings are quoted as their siblings are;
 * - comments, blank lines, anchors and the other documents are never touched;
 *   CRLF files get CRLF lines.
 *
 * A field reached through an alias or merge key belongs to the anchor, which other
 * objects share: such an operation is skipped rather than changing them all.
 */
import { parseYaml } from '../sources/yaml/parse-yaml.js';
import type { YamlMapNode, YamlNode, YamlSeqNode } from '../sources/yaml/yaml-node.js';
import { sourceFile } from '../sources/source-file.js';
import type { EditOperation, JsonValue } from './edit-operation.js';
import { planOperations, type JsonPatchOperation } from './json-patch.js';
import { isPlainObject, parsePointer } from './json-pointer.js';
import { applyTextEdits, lineEndingAt, lineStartOf, nextLineStart, withoutBom, type TextEdit } from './text-edit.js';

export interface YamlEditResult {
  text: string;
  /** Operations that changed the text. */
  applied: EditOperation[];
  /** Operations that would change the object but could not be written here (an alias, a null parent…). */
  skipped: EditOperation[];
}

/**
 * Applies operations (pointers relative to the root of document `docIndex`) to a
 * YAML text, one at a time, each against the text the previous one left.
 *
 * @example
 * applyYamlOperations('pod.yaml', text, 0, [{ op: 'set', path: '/spec/automountServiceAccountToken', value: false, rule: 'service-account-token-mounted' }]);
 */
export function applyYamlOperations(path: string, text: string, docIndex: number, operations: readonly EditOperation[]): YamlEditResult {
  const applied: EditOperation[] = [];
  const skipped: EditOperation[] = [];
  const out = withoutBom(text, (body) => {
    let current = body;
    for (const operation of operations) {
      const doc = parseYaml(sourceFile(path, current))[docIndex];
      if (!doc?.node) {
        skipped.push(operation);
        continue;
      }
      const patch = planOperations(doc.value, [operation])[0]?.patch;
      if (!patch) continue; // already as wanted
      const edit = yamlEdit(current, doc.node, patch);
      if (!edit) {
        skipped.push(operation);
        continue;
      }
      current = applyTextEdits(current, [edit]);
      applied.push(operation);
    }
    return current;
  });
  return { text: out, applied, skipped };
}

interface Style {
  /** The document is JSON (a flow mapping at the root): new keys and values are written as JSON. */
  json: boolean;
  step: number;
  seqIndent: number;
  quote: 'plain' | 'double' | 'single';
  eol: string;
}

/** The text edit for one JSONPatch operation, or undefined when it cannot be written in place. */
export function yamlEdit(text: string, root: YamlNode, patch: JsonPatchOperation): TextEdit | undefined {
  const tokens = parsePointer(patch.path);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return undefined;
  const parent = walk(text, root, tokens.slice(0, -1));
  if (!parent) return undefined;
  const style = detectStyle(text, root);
  if (patch.op === 'remove') return removeEdit(text, parent, last);
  if (patch.op === 'replace') return replaceScalar(text, parent, last, patch.value);
  if (parent.kind === 'map') {
    style.quote = quoteOf(text, ownValues(parent));
    return insertEntry(text, parent, last, patch.value, style);
  }
  if (parent.kind === 'seq' && last === '-') {
    style.quote = quoteOf(text, ownItems(parent));
    return appendItem(text, parent, patch.value, style);
  }
  return undefined;
}

/** Follows tokens down the position tree, refusing to leave a node's own text (aliases, merges). */
function walk(text: string, root: YamlNode, tokens: readonly string[]): YamlMapNode | YamlSeqNode | undefined {
  let here: YamlNode = root;
  for (const token of tokens) {
    let next: YamlNode | undefined;
    if (here.kind === 'map') next = ownEntries(here).find((e) => keyName(text, e.key) === token)?.value;
    else if (here.kind === 'seq') next = ownItems(here)[Number(token)];
    if (!next || next.start < here.start || next.end > here.end) return undefined;
    // An anchored node is shared by its aliases and merges: changing it changes them all.
    if (text[next.start] === '&' || /&\S/.test(gapBefore(text, here, next))) return undefined;
    here = next;
  }
  if (here.kind === 'scalar' || text[here.start] === '*') return undefined;
  return here;
}

/** The text between a child and what precedes it in its parent (`: &a ` after a key, `- &a ` before an item). */
function gapBefore(text: string, parent: YamlNode, child: YamlNode): string {
  let gap = '';
  if (parent.kind === 'map') {
    const entry = ownEntries(parent).find((e) => e.value === child);
    gap = entry ? text.slice(entry.key.end, child.start) : '';
  } else if (parent.kind === 'seq') {
    const index = parent.items.indexOf(child);
    gap = text.slice(index > 0 ? parent.items[index - 1]!.end : parent.start, child.start);
  }
  return gap.replace(/#.*$/gm, '');
}

function keyName(text: string, key: YamlNode): string {
  const raw = text.slice(key.start, key.end);
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/** Entries written in this mapping's own text (not merged in from an anchor), in order. */
function ownEntries(map: YamlMapNode): { key: YamlNode; value: YamlNode }[] {
  const own: { key: YamlNode; value: YamlNode }[] = [];
  for (const [, entry] of map.entries) if (entry.key.start >= map.start && entry.key.start < map.end) own.push(entry);
  return own.sort((a, b) => a.key.start - b.key.start);
}

function ownValues(map: YamlMapNode): YamlNode[] {
  return ownEntries(map).map((e) => e.value);
}

function ownItems(seq: YamlSeqNode): YamlNode[] {
  return seq.items.filter((item) => item.start >= seq.start && item.end <= seq.end);
}

const isFlow = (text: string, node: YamlNode) => text[node.start] === '{' || text[node.start] === '[';
const column = (text: string, offset: number) => offset - lineStartOf(text, offset);

function insertEntry(text: string, map: YamlMapNode, key: string, value: JsonValue, style: Style): TextEdit | undefined {
  const own = ownEntries(map);
  const lastEntry = own[own.length - 1];
  if (isFlow(text, map)) {
    const pair = style.json ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : `${key}: ${flowValue(value, style, true)}`;
    if (lastEntry) return { start: lastEntry.value.end, end: lastEntry.value.end, text: `, ${pair}` };
    return { start: map.end - 1, end: map.end - 1, text: pair };
  }
  const indent = ' '.repeat(column(text, lastEntry ? lastEntry.key.start : map.start));
  if (/\S/.test(indent)) return undefined;
  const lines = blockEntry(key, value, indent, style);
  return insertLines(text, Math.max(map.end, lastEntry?.value.end ?? 0), lines, style.eol);
}

function appendItem(text: string, seq: YamlSeqNode, value: JsonValue, style: Style): TextEdit | undefined {
  const items = ownItems(seq);
  const lastItem = items[items.length - 1];
  if (isFlow(text, seq)) {
    const item = style.json ? JSON.stringify(value) : flowValue(value, style, true);
    if (lastItem) return { start: lastItem.end, end: lastItem.end, text: `, ${item}` };
    return { start: seq.end - 1, end: seq.end - 1, text: item };
  }
  if (!lastItem) return undefined;
  const dash = text.lastIndexOf('-', lastItem.start);
  const lineOfDash = lineStartOf(text, dash);
  const indent = text.slice(lineOfDash, dash);
  if (/\S/.test(indent)) return undefined;
  return insertLines(text, Math.max(seq.end, lastItem.end), blockItem(value, indent, style), style.eol);
}

/** A scalar rewritten in place, in the quotes it was written in. */
function replaceScalar(text: string, parent: YamlMapNode | YamlSeqNode, token: string, value: JsonValue): TextEdit | undefined {
  const node = parent.kind === 'map' ? ownEntries(parent).find((e) => keyName(text, e.key) === token)?.value : ownItems(parent)[Number(token)];
  if (!node || node.kind !== 'scalar' || node.end <= node.start || !isScalar(value)) return undefined;
  const first = text[node.start];
  if (first === '|' || first === '>' || first === '*' || first === '&' || first === '!') return undefined;
  const quote = first === '"' ? 'double' : first === "'" ? 'single' : 'plain';
  return { start: node.start, end: node.end, text: scalarText(value as string | number | boolean | null, quote) };
}

/** Inserts whole lines after the line holding `after` (a trailing comment stays on its line). */
function insertLines(text: string, after: number, lines: string[], eol: string): TextEdit {
  const at = nextLineStart(text, after);
  if (at === text.length && !text.endsWith('\n')) return { start: at, end: at, text: eol + lines.join(eol) };
  return { start: at, end: at, text: lines.join(eol) + eol };
}

function removeEdit(text: string, parent: YamlMapNode | YamlSeqNode, token: string): TextEdit | undefined {
  if (isFlow(text, parent)) return undefined;
  let start: number;
  let end: number;
  if (parent.kind === 'map') {
    const entry = ownEntries(parent).find((e) => keyName(text, e.key) === token);
    if (!entry) return undefined;
    start = entry.key.start;
    end = Math.max(entry.key.end, entry.value.end);
  } else {
    const item = ownItems(parent)[Number(token)];
    if (!item) return undefined;
    start = text.lastIndexOf('-', item.start);
    end = item.end;
  }
  const lineStart = lineStartOf(text, start);
  // Only whole lines are removed: an entry sharing its line (`- name: a`) stays.
  if (/\S/.test(text.slice(lineStart, start))) return undefined;
  return { start: lineStart, end: nextLineStart(text, end), text: '' };
}

function blockEntry(key: string, value: JsonValue, indent: string, style: Style): string[] {
  const head = `${indent}${key}:`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (!keys.length) return [`${head} {}`];
    const inner = indent + ' '.repeat(style.step);
    return [head, ...keys.flatMap((k) => blockEntry(k, (value as Record<string, JsonValue>)[k]!, inner, style))];
  }
  if (Array.isArray(value) && !value.every(isScalar)) {
    return [head, ...value.flatMap((item) => blockItem(item, indent + ' '.repeat(style.seqIndent), style))];
  }
  return [`${head} ${flowValue(value, style)}`];
}

function blockItem(item: JsonValue, dashIndent: string, style: Style): string[] {
  if (isPlainObject(item) && Object.keys(item).length) {
    const inner = dashIndent + '  ';
    const lines = Object.keys(item).flatMap((k) => blockEntry(k, (item as Record<string, JsonValue>)[k]!, inner, style));
    lines[0] = `${dashIndent}- ${lines[0]!.slice(inner.length)}`;
    return lines;
  }
  return [`${dashIndent}- ${flowValue(item, style)}`];
}

function isScalar(value: JsonValue): boolean {
  return value === null || typeof value !== 'object';
}

/** A value written inline; inside `[…]`/`{…}` a string with `:` or `,` is quoted (flow indicators for YAML 1.1 readers). */
function flowValue(value: JsonValue, style: Style, inFlow = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => flowValue(v, style, true)).join(', ')}]`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${k}: ${flowValue(v, style, true)}`).join(', ')}}`;
  if (inFlow && typeof value === 'string' && /[:,[\]{}#]/.test(value) && style.quote === 'plain') return JSON.stringify(value);
  return scalarText(value, style.quote);
}

/**
 * A scalar as YAML text. Plain only where every YAML reader (1.1 readers such as
 * go-yaml v2 included) reads it back as the same string.
 */
export function scalarText(value: string | number | boolean | null, quote: Style['quote']): string {
  if (typeof value !== 'string') return value === null ? 'null' : String(value);
  if (quote === 'single') return `'${value.replace(/'/g, "''")}'`;
  if (quote === 'double' || !plainSafe(value)) return JSON.stringify(value);
  return value;
}

function plainSafe(value: string): boolean {
  if (/^(y|yes|n|no|on|off|true|false|null|~)$/i.test(value)) return false;
  // Digits, dots and colons only (`10001:10001`, `1.5`) read as numbers somewhere (YAML 1.1 sexagesimals).
  if (/^[\d.:_+-]+$/.test(value)) return /^\d{1,3}(\.\d{1,3}){3}$/.test(value);
  // Words, paths and option lists (`/tmp:nosuid,size=64m`, `no-new-privileges:true`, `500m`), no `: ` or ` #`.
  return /^[A-Za-z0-9/][\w./:,=@+-]*$/.test(value) && !value.endsWith(':');
}

/** Quoting of sibling string values: `"…"`, `'…'` or plain, by majority (plain when none). */
function quoteOf(text: string, siblings: readonly YamlNode[]): Style['quote'] {
  let double = 0;
  let single = 0;
  let plain = 0;
  for (const node of siblings) {
    if (node.kind !== 'scalar' || node.end <= node.start) continue;
    const first = text[node.start];
    // A value quoted because it must be ("8080:80", "yes") says nothing of the file's style.
    if ((first === '"' || first === "'") && !plainSafe(text.slice(node.start + 1, node.end - 1))) continue;
    if (first === '"') double++;
    else if (first === "'") single++;
    else if (/^[A-Za-z]/.test(text.slice(node.start, node.end)) && !/^(true|false|null)$/.test(text.slice(node.start, node.end))) plain++;
  }
  if (double > plain && double >= single) return 'double';
  if (single > plain) return 'single';
  return 'plain';
}

/** The document's indentation step and list indentation, from its own nested blocks. */
function detectStyle(text: string, root: YamlNode): Style {
  let step: number | undefined;
  let seqIndent: number | undefined;
  const visit = (node: YamlNode, depth: number): void => {
    if ((step !== undefined && seqIndent !== undefined) || depth > 50) return;
    if (node.kind === 'map') {
      for (const { key, value } of ownEntries(node)) {
        if (value.kind === 'map' && !isFlow(text, value) && step === undefined) {
          const d = column(text, value.start) - column(text, key.start);
          if (d > 0) step = d;
        }
        if (value.kind === 'seq' && !isFlow(text, value) && seqIndent === undefined && value.items[0]) {
          const dash = text.lastIndexOf('-', value.items[0].start);
          if (dash > key.end) seqIndent = Math.max(0, column(text, dash) - column(text, key.start));
        }
        visit(value, depth + 1);
      }
    } else if (node.kind === 'seq') {
      for (const item of ownItems(node)) visit(item, depth + 1);
    }
  };
  visit(root, 0);
  return { json: text[root.start] === '{', step: step ?? 2, seqIndent: seqIndent ?? step ?? 2, quote: 'plain', eol: lineEndingAt(text, root.start) };
}
