/**
 * Position nodes that keep scalars as offsets. A mapping holds, per entry, five
 * slots — name, key start, key end, value (a collection node, or a scalar's start),
 * value end — and a sequence two per item; the scalar nodes the YamlNode interface
 * hands out are made when asked for. Manifests are mostly scalars, and one object
 * per key and per value was most of a scan's memory (150 MB of 210 MB retained for
 * 5,000 manifests) and, through the garbage collector, half of its parse time.
 */
import type { SourceFile } from '../source-file.js';
import type { YamlEntries, YamlEntry, YamlMapNode, YamlNode, YamlScalarNode, YamlSeqNode } from './yaml-node.js';

/** A value slot: a collection (or alias) node, or the start offset of a scalar whose end is the next slot. */
export type Slot = string | number | YamlNode;

function scalar(src: SourceFile, start: number, end: number): YamlScalarNode {
  return { kind: 'scalar', src, start, end };
}

/** A mapping; `slots` holds five per entry (see above), each name once. */
export class CompactMapNode implements YamlMapNode, YamlEntries {
  constructor(
    readonly src: SourceFile,
    readonly start: number,
    readonly end: number,
    private readonly slots: readonly Slot[],
  ) {}

  get kind(): 'map' {
    return 'map';
  }

  get entries(): YamlEntries {
    return this;
  }

  get size(): number {
    return this.slots.length / 5;
  }

  get(key: string): YamlEntry | undefined {
    const s = this.slots;
    for (let k = 0; k < s.length; k += 5) if (s[k] === key) return this.entryAt(k);
    return undefined;
  }

  has(key: string): boolean {
    const s = this.slots;
    for (let k = 0; k < s.length; k += 5) if (s[k] === key) return true;
    return false;
  }

  *keys(): IterableIterator<string> {
    const s = this.slots;
    for (let k = 0; k < s.length; k += 5) yield s[k] as string;
  }

  *values(): IterableIterator<YamlEntry> {
    const s = this.slots;
    for (let k = 0; k < s.length; k += 5) yield this.entryAt(k);
  }

  *[Symbol.iterator](): IterableIterator<[string, YamlEntry]> {
    const s = this.slots;
    for (let k = 0; k < s.length; k += 5) yield [s[k] as string, this.entryAt(k)];
  }

  private entryAt(k: number): YamlEntry {
    const s = this.slots;
    const v = s[k + 3]!;
    return { key: scalar(this.src, s[k + 1] as number, s[k + 2] as number), value: typeof v === 'number' ? scalar(this.src, v, s[k + 4] as number) : (v as YamlNode) };
  }

  /** The same mapping written elsewhere (an alias): shares the entries. */
  at(start: number, end: number): CompactMapNode {
    return new CompactMapNode(this.src, start, end, this.slots);
  }

  /**
   * The entries of a mapping with a `<<` merge key: the merged mappings' entries
   * first (earlier sources win), then the ones written here, without the `<<` entry
   * — as parse-yaml.ts resolves merges for the full parser.
   */
  static merged(src: SourceFile, start: number, end: number, slots: readonly Slot[]): CompactMapNode {
    const own: Slot[] = [];
    const names = new Set<string>();
    let merge: Slot | undefined;
    let mergeEnd = 0;
    for (let k = 0; k < slots.length; k += 5) {
      if (slots[k] === '<<') {
        merge = slots[k + 3];
        mergeEnd = slots[k + 4] as number;
        continue;
      }
      names.add(slots[k] as string);
      for (let j = 0; j < 5; j++) own.push(slots[k + j]!);
    }
    const merged: Slot[] = [];
    const node = merge === undefined || typeof merge === 'string' ? undefined : typeof merge === 'number' ? scalar(src, merge, mergeEnd) : merge;
    const sources = !node ? [] : node.kind === 'seq' ? node.items : [node];
    for (const source of sources) {
      if (source.kind !== 'map') continue;
      if (source instanceof CompactMapNode) {
        const s = source.slots;
        for (let k = 0; k < s.length; k += 5) {
          if (names.has(s[k] as string)) continue;
          names.add(s[k] as string);
          for (let j = 0; j < 5; j++) merged.push(s[k + j]!);
        }
      } else {
        for (const [name, entry] of source.entries) {
          if (names.has(name)) continue;
          names.add(name);
          merged.push(name, entry.key.start, entry.key.end, entry.value, 0);
        }
      }
    }
    return new CompactMapNode(src, start, end, merged.length ? [...merged, ...own] : own);
  }
}

/** A sequence; `slots` holds two per item (see above). The item nodes are made once, on first use. */
export class CompactSeqNode implements YamlSeqNode {
  private made: YamlNode[] | undefined;

  constructor(
    readonly src: SourceFile,
    readonly start: number,
    readonly end: number,
    private readonly slots: readonly (number | YamlNode)[],
  ) {}

  get kind(): 'seq' {
    return 'seq';
  }

  get items(): YamlNode[] {
    if (this.made) return this.made;
    const s = this.slots;
    const items: YamlNode[] = new Array(s.length / 2);
    for (let k = 0; k < s.length; k += 2) {
      const v = s[k]!;
      items[k / 2] = typeof v === 'number' ? scalar(this.src, v, s[k + 1] as number) : v;
    }
    return (this.made = items);
  }

  at(start: number, end: number): CompactSeqNode {
    return new CompactSeqNode(this.src, start, end, this.slots);
  }
}
