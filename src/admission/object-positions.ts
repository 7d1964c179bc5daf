/**
 * The reviewed object's position tree, made straight from the JSON value: the tree
 * `objectTree` builds while printing the object as YAML (same nodes, same offsets, so the
 * same lines and columns in every finding), without writing the text. At admission no
 * one reads the text: a finding's line only leads to the JSON pointer of the value on
 * it, and printing (a string per line, a pointer string per line, the joined text and
 * its line table) was a sixth of a review. The text is printed only if something asks
 * for it (`src.text`, `lineText`), and is then the printer's own.
 *
 * Line layout (objectTree's): one line per mapping member and per sequence item; a
 * member whose value is a non-empty collection has a `key:` line of its own, then its
 * members indented by two; a mapping item of a sequence starts on its first member's
 * line (`- key: value`); a sequence item of a sequence has a `-` line. Scalars are
 * written plain when no YAML schema could read them as anything else, else as JSON.
 */
import { LineIndex, lineIndexOf, type Location } from '../model/location.js';
import type { SourceFile } from '../sources/source-file.js';
import { packedMapNode } from '../sources/yaml/parse-yaml.js';
import type { YamlNode, YamlScalarNode } from '../sources/yaml/yaml-node.js';
import { objectText } from './object-text.js';

export interface ObjectPositions {
  /** A source file named `path` whose text is printed on first read. */
  src: SourceFile;
  node: YamlNode;
  /** JSON pointer of the value written on a 1-based line ('' outside the object). */
  pointerAt(line: number): string;
}

/** One step of a JSON pointer, linked to its parent: pointers are joined only for lines a finding names. */
interface Step {
  up: Step | undefined;
  /** A member's key or an item's index, escaped only when a pointer is joined. */
  key: string | number;
}

/**
 * @example
 * const { node, pointerAt } = objectPositions(pod, 'admission/Pod/team/web.yaml');
 * pointerAt(locAt(node, ['spec', 'containers', 0, 'image']).startLine); // '/spec/containers/0/image'
 */
export function objectPositions(value: unknown, path: string): ObjectPositions {
  // Offsets where each line starts, and the pointer step of the value on it.
  const starts: number[] = [];
  const steps: (Step | undefined)[] = [];
  const src = new PlacedSource(path, value, starts);
  // Offset where the next line starts.
  let pos = 0;
  // A line of `length` characters (without its newline) for the value at `step`.
  const emit = (length: number, step: Step | undefined): number => {
    const at = pos;
    starts.push(at);
    steps.push(step);
    pos += length + 1;
    return at;
  };
  const scalarNode = (start: number, end: number): YamlScalarNode => ({ kind: 'scalar', src, start, end });
  // A value written last on a line ending at `lineEnd`: `{}` and `[]` are flow collections.
  const leaf = (v: unknown, lineEnd: number, width: number): YamlNode => {
    const start = lineEnd - width;
    if (Array.isArray(v)) return { kind: 'seq', src, start, end: lineEnd, items: [] };
    if (isRecord(v)) return packedMapNode(src, start, lineEnd, []);
    return scalarNode(start, lineEnd);
  };
  const child = (up: Step | undefined, key: string | number): Step => ({ up, key });
  // `indent` spaces, then `head` characters (`key: ` or `- `, or none at the root). Returns
  // the value's node and, for a key head, the key's node.
  const write = (v: unknown, step: Step | undefined, indent: number, keyWidth: number): { value: YamlNode; key?: YamlScalarNode } => {
    // The head is `key: ` (keyWidth + 2 characters) or nothing.
    const head = keyWidth >= 0 ? keyWidth + 2 : 0;
    const keyNode = (at: number): YamlScalarNode | undefined => (keyWidth >= 0 ? scalarNode(at + indent, at + indent + keyWidth) : undefined);
    if (Array.isArray(v) && v.length) {
      // `key:` alone on its line (the head without its trailing space).
      const at = head ? emit(indent + head - 1, step) : -1;
      const inner = head ? indent + 2 : indent;
      const items: YamlNode[] = [];
      let first = -1;
      for (let i = 0; i < v.length; i++) {
        const item = writeItem(v[i], child(step, i), inner);
        if (i === 0) first = item.dash;
        items.push(item.node);
      }
      const value: YamlNode = { kind: 'seq', src, start: first, end: items[items.length - 1]!.end, items };
      return at >= 0 ? { value, key: keyNode(at)! } : { value };
    }
    if (isRecord(v) && hasMembers(v)) {
      const at = head ? emit(indent + head - 1, step) : -1;
      const inner = head ? indent + 2 : indent;
      const packed = members(v, step, inner);
      const value = packedMapNode(src, (packed[1] as YamlNode).start, (packed[packed.length - 1] as YamlNode).end, packed);
      return at >= 0 ? { value, key: keyNode(at)! } : { value };
    }
    const width = scalarWidth(v);
    const at = emit(indent + head + width, step);
    const value = leaf(v, at + indent + head + width, width);
    return keyWidth >= 0 ? { value, key: keyNode(at)! } : { value };
  };
  // The members of a non-empty mapping at `indent`, packed as packedMapNode wants them.
  const members = (v: Record<string, unknown>, step: Step | undefined, indent: number): (string | YamlNode)[] => {
    const packed: (string | YamlNode)[] = [];
    for (const key of Object.keys(v)) {
      if (v[key] === undefined) continue;
      const entry = write(v[key], child(step, key), indent, scalarWidth(key));
      packed.push(key, entry.key!, entry.value);
    }
    return packed;
  };
  // An item of a sequence: its node and where its `-` is.
  const writeItem = (item: unknown, step: Step, indent: number): { node: YamlNode; dash: number } => {
    if (isRecord(item) && hasMembers(item)) {
      // `- first: value`, then the other members aligned under `first`: the same offsets
      // as members indented by two, the two spaces of the first line being `- `.
      const dash = pos + indent;
      const packed = members(item, step, indent + 2);
      return { node: packedMapNode(src, (packed[1] as YamlNode).start, (packed[packed.length - 1] as YamlNode).end, packed), dash };
    }
    if (Array.isArray(item) && item.length) {
      const dash = emit(indent + 1, step) + indent;
      const items: YamlNode[] = [];
      let first = -1;
      for (let i = 0; i < item.length; i++) {
        const inner = writeItem(item[i], child(step, i), indent + 2);
        if (i === 0) first = inner.dash;
        items.push(inner.node);
      }
      return { node: { kind: 'seq', src, start: first, end: items[items.length - 1]!.end, items }, dash };
    }
    const width = scalarWidth(item);
    const at = emit(indent + 2 + width, step);
    return { node: leaf(item, at + indent + 2 + width, width), dash: at + indent };
  };
  const node = write(value, undefined, 0, -1).value;
  // The text ends with a newline; LineIndex counts the empty line after it.
  starts.push(pos);
  return {
    src,
    node,
    pointerAt: (line) => {
      if (line < 1 || line > steps.length) return '';  // also the empty last line
      let out = '';
      for (let s = steps[line - 1]; s; s = s.up) out = `/${typeof s.key === 'number' ? s.key : escapeToken(s.key)}${out}`;
      return out;
    },
  };
}

/**
 * The line table of text not yet written: its line starts are known from the layout.
 * `text` stays empty (the base class's field); `lineText` prints the object if asked.
 */
/** A source file whose text is printed only when read. */
class PlacedSource implements SourceFile {
  readonly lines: LineIndex;
  private printed: string | undefined;

  constructor(
    readonly path: string,
    private readonly value: unknown,
    starts: number[],
  ) {
    this.lines = new KnownLines(starts, () => this.text);
  }

  get text(): string {
    return (this.printed ??= objectText(this.value).text);
  }
}

class KnownLines extends LineIndex {
  constructor(
    /** As LineIndex's table: every line start, and the empty line after the final newline. */
    private readonly known: number[],
    private readonly print: () => string,
  ) {
    super('');
  }

  override position(offset: number): { line: number; column: number } {
    const at = lineIndexOf(this.known, offset);
    return { line: at + 1, column: offset - this.known[at]! + 1 };
  }


  override lineStart(line: number): number {
    const starts = this.known;
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))]!;
  }

  override get lineCount(): number {
    return this.known.length;
  }

  override lineText(line: number): string {
    return new LineIndex(this.print()).lineText(line);
  }

  // Every value the model reads gets a location: without the two intermediate positions.
  override range(file: string, start: number, end: number): Location {
    const stop = Math.max(start, end);
    const a = lineIndexOf(this.known, start);
    const b = lineIndexOf(this.known, stop);
    return { file, startLine: a + 1, startColumn: start - this.known[a]! + 1, endLine: b + 1, endColumn: stop - this.known[b]! + 1 };
  }
}

// The printer's choice (object-text.ts): plain only for words no YAML schema reads as a
// bool, null, number or anything else; otherwise JSON.
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|nan|inf)$/i;

/** How many characters the printer writes for a scalar (or an empty collection). */
function scalarWidth(v: unknown): number {
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) ? v.length : JSON.stringify(v).length;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v).length;
  if (Array.isArray(v) || isRecord(v)) return 2;
  return 4; // null
}

function hasMembers(v: Record<string, unknown>): boolean {
  for (const key in v) if (Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined) return true;
  return false;
}

function escapeToken(key: string): string {
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
