/**
 * An AdmissionReview (or a live cluster's list) carries the object as JSON, without a file. The webhook and `cluster` print it
 * as YAML (which the Kubernetes source reads like any manifest) and remembers, for
 * every line, the JSON pointer of the value written there, so a finding's line becomes
 * the field path the API server's user recognises (`spec.containers[0].securityContext`).
 */
import { LineIndex } from '../../model/location.js';
import type { SourceFile } from '../source-file.js';
import { packedMapNode } from '../yaml/parse-yaml.js';
import type { YamlNode, YamlScalarNode } from '../yaml/yaml-node.js';

export interface ObjectText {
  text: string;
  /** JSON pointer of the value on each line (index = line - 1). */
  pointers: string[];
}

export interface ObjectTree extends ObjectText {
  /** The printed text as a source file named `path`. */
  src: SourceFile;
  /**
   * The position tree of the printed text, built while printing: the same tree the
   * YAML parser would build from `text` (a test holds them equal), without parsing
   * the text again. Parsing it was half the time of a review.
   */
  node: YamlNode;
}

/**
 * Prints a JSON value as block YAML, one member per line (block style because the YAML
 * parser reads it several times faster than the same value as indented JSON). A string
 * is written plain only when it cannot be read as anything else; otherwise it is
 * double-quoted as JSON (which YAML reads the same).
 *
 * @example
 * objectText({ a: [1] }).pointers; // ['/a', '/a/0']
 */
export function objectText(value: unknown): ObjectText {
  const { text, pointers } = objectTree(value, '');
  return { text, pointers };
}

/**
 * `objectText`, plus the source file and position tree a parse of the text would give.
 *
 * @example
 * const { src, node } = objectTree(pod, 'admission/Pod/team/web.yaml');
 * locAt(node, ['spec', 'containers', 0]).startLine; // 5
 */
export function objectTree(value: unknown, path: string): ObjectTree {
  const lines: string[] = [];
  const pointers: string[] = [];
  // Nodes are made before the text is complete: they share this object, filled in at the end.
  const src: SourceFile = { path, text: '', lines: undefined as unknown as LineIndex };
  // Offset where the next line starts.
  let pos = 0;
  const emit = (line: string, pointer: string): number => {
    const at = pos;
    lines.push(line);
    pointers.push(pointer);
    pos += line.length + 1;
    return at;
  };
  const scalarNode = (start: number, end: number): YamlScalarNode => ({ kind: 'scalar', src, start, end });
  // A value written after `head` on the line starting at `at`: `{}` and `[]` are flow collections.
  const leaf = (v: unknown, at: number, text: string): YamlNode => {
    const start = at + text.length - scalar(v).length;
    const end = at + text.length;
    if (Array.isArray(v)) return { kind: 'seq', src, start, end, items: [] };
    if (isRecord(v)) return packedMapNode(src, start, end, []);
    return scalarNode(start, end);
  };
  const members = (v: Record<string, unknown>): string[] => Object.keys(v).filter((k) => v[k] !== undefined);
  // `head` is what precedes the value on its first line: `key: ` or `- `. Returns the
  // value's node and, for a `key: ` head, the key's node.
  const write = (v: unknown, pointer: string, indent: string, head: string): { value: YamlNode; key?: YamlScalarNode } => {
    const keyNode = (at: number): YamlScalarNode | undefined => (head ? scalarNode(at + indent.length, at + indent.length + head.length - 2) : undefined);
    if (Array.isArray(v) && v.length) {
      const at = head ? emit(`${indent}${head.trimEnd()}`, pointer) : -1;
      const inner = head ? `${indent}  ` : indent;
      const items = v.map((item, i) => writeItem(item, `${pointer}/${i}`, inner));
      const value: YamlNode = { kind: 'seq', src, start: items[0]!.dash, end: items[items.length - 1]!.node.end, items: items.map((i) => i.node) };
      return at >= 0 ? { value, key: keyNode(at)! } : { value };
    }
    if (isRecord(v) && members(v).length) {
      const at = head ? emit(`${indent}${head.trimEnd()}`, pointer) : -1;
      const inner = head ? `${indent}  ` : indent;
      const packed: (string | YamlNode)[] = [];
      for (const key of members(v)) {
        const entry = write(v[key], `${pointer}/${escapePointer(key)}`, inner, `${scalar(key)}: `);
        packed.push(key, entry.key!, entry.value);
      }
      const value = packedMapNode(src, (packed[1] as YamlNode).start, (packed[packed.length - 1] as YamlNode).end, packed);
      return at >= 0 ? { value, key: keyNode(at)! } : { value };
    }
    const line = `${indent}${head}${scalar(v)}`;
    const at = emit(line, pointer);
    const value = leaf(v, at, line);
    return head ? { value, key: keyNode(at)! } : { value };
  };
  // An item of a sequence: its node and where its `-` is.
  const writeItem = (item: unknown, pointer: string, indent: string): { node: YamlNode; dash: number } => {
    if (isRecord(item) && members(item).length) {
      // `- first: value`, then the other members aligned under `first`.
      const packed: (string | YamlNode)[] = [];
      let dash = -1;
      members(item).forEach((key, i) => {
        const at = lines.length;
        const lineStart = pos;
        const entry = write(item[key], `${pointer}/${escapePointer(key)}`, `${indent}  `, `${scalar(key)}: `);
        // Same length: the two spaces of the indent become `- `.
        if (i === 0) {
          lines[at] = `${indent}- ${lines[at]!.slice(indent.length + 2)}`;
          dash = lineStart + indent.length;
        }
        packed.push(key, entry.key!, entry.value);
      });
      return { node: packedMapNode(src, (packed[1] as YamlNode).start, (packed[packed.length - 1] as YamlNode).end, packed), dash };
    }
    if (Array.isArray(item) && item.length) {
      const dash = emit(`${indent}-`, pointer) + indent.length;
      const items = item.map((inner, i) => writeItem(inner, `${pointer}/${i}`, `${indent}  `));
      return { node: { kind: 'seq', src, start: items[0]!.dash, end: items[items.length - 1]!.node.end, items: items.map((i) => i.node) }, dash };
    }
    const line = `${indent}- ${scalar(item)}`;
    const at = emit(line, pointer);
    return { node: leaf(item, at, line), dash: at + indent.length };
  };
  const root = write(value, '', '', '').value;
  src.text = `${lines.join('\n')}\n`;
  src.lines = new LineIndex(src.text);
  return { text: src.text, pointers, src, node: root };
}

// Plain only for words no YAML schema reads as a bool, null, number or anything else.
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|nan|inf)$/i;

function scalar(v: unknown): string {
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[]';
  if (isRecord(v)) return '{}';
  return 'null';
}

/**
 * A JSON pointer as kubectl prints field paths: `/spec/containers/0/image` →
 * `spec.containers[0].image`.
 */
export function fieldPath(pointer: string): string {
  if (!pointer) return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * A fact that is absent borrows its owner's location: the container's `name`, the
 * object's `metadata.name`. The field a user should look at is then the owner itself.
 *
 * @example
 * ownerPointer('/spec/containers/0/name'); // '/spec/containers/0'
 */
export function ownerPointer(pointer: string): string {
  if (pointer === '/metadata/name') return '';
  const m = /^(.*\/\d+)\/name$/.exec(pointer);
  return m ? m[1]! : pointer;
}

function escapePointer(key: string): string {
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
