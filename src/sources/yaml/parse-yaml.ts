/**
 * Parses YAML (and JSON) into values plus a position tree, from one pass of
 * js-yaml's event parser: `parseEvents` once, then `constructFromEvents` builds the
 * values exactly as `loadAll` would and `buildNodes` walks the same events for
 * positions. Measured: within noise of a bare `loadAll` (see bench/).
 */
import { constructFromEvents, CORE_SCHEMA, getScalarValue, mergeTag, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import type { SourceFile } from '../source-file.js';
import { GO_YAML_V2_SCHEMA, GO_YAML_V3_SCHEMA, resolveGoYamlV2Plain, resolveGoYamlV3Plain } from './go-yaml-schema.js';
import { fastParseYaml } from './fast-yaml.js';
import { IndentationRepair } from './indentation-repair.js';
import { AliasBudgetError, checkAliasBudget, DEFAULT_ALIAS_BUDGET } from './alias-budget.js';
import type { YamlEntries, YamlEntry, YamlMapNode, YamlNode, YamlScalarNode, YamlSeqNode } from './yaml-node.js';
import { spendAt } from '../../scan/file-budget.js';

export interface YamlDocument {
  /** 0-based index of the document in its file. */
  index: number;
  value: unknown;
  /** Position tree of the document's root; undefined for an empty document. */
  node: YamlNode | undefined;
}

/** A YAML syntax error with its 1-based line and column. */
export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

/**
 * YAML 1.2's core schema plus merge keys (`<<: *defaults`), which kubectl, Compose
 * and Helm all honour: without them a merged `securityContext` would be missed.
 */
const SCHEMA = CORE_SCHEMA.withTags(mergeTag);

// js-yaml's event type ids (EVENT_ID): document, sequence, mapping, scalar, alias, pop.
const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;

/**
 * Parses every document of a YAML stream.
 * Throws `YamlSyntaxError` (with line and column) on malformed input, and on a
 * document whose aliases expand beyond the per-file budget (see alias-budget.ts).
 *
 * @example
 * const docs = parseYaml(sourceFile('pod.yaml', text));
 * docs[0].value; // the object
 * locAt(docs[0].node!, ['spec', 'containers', 0]);
 */
export function parseYaml(src: SourceFile, options: YamlOptions = {}): YamlDocument[] {
  // Most manifests and Compose files are plain block YAML: the fast reader takes
  // those (and gives up on anything else, which the full parser below reads).
  if (options.dialect === 'kubernetes' || options.dialect === 'compose') {
    const fast = fastParseYaml(src, options.dialect === 'kubernetes' ? resolveGoYamlV2Plain : resolveGoYamlV3Plain, DEFAULT_ALIAS_BUDGET);
    if (fast) return fast;
  }
  return parseYamlFull(src, options);
}

/**
 * `parseYaml` through js-yaml's event parser alone: the reference the fast reader
 * is tested against, and the reader of everything it gives up on.
 */
export function parseYamlFull(src: SourceFile, options: YamlOptions = {}): YamlDocument[] {
  const schema = options.dialect === 'kubernetes' ? GO_YAML_V2_SCHEMA : options.dialect === 'compose' ? GO_YAML_V3_SCHEMA : SCHEMA;
  const repair = new IndentationRepair(src.text);
  let events: Event[];
  let values: unknown[];
  for (;;) {
    try {
      events = parseEvents(repair.text, { filename: src.path, maxDepth: 200 });
      // Counted before construction, which is what an alias bomb would blow up.
      checkAliasBudget(events, repair.repaired ? { ...src, text: repair.text } : src);
      values = constructFromEvents(events, { source: repair.text, filename: src.path, maxAliases: 1000, schema });
      break;
    } catch (error) {
      const mark = (error as { mark?: { line?: number } }).mark;
      // A continuation line left of its key: Kubernetes reads it (see indentation-repair.ts).
      if ((error as { reason?: string }).reason === 'deficient indentation' && typeof mark?.line === 'number' && repair.reindent(mark.line)) continue;
      throw toSyntaxError(error, src, repair);
    }
  }
  if (repair.repaired) for (const e of events) remapOffsets(e, repair);
  // kubectl splits a stream only at `---` lines and reads the first document of each
  // piece: a document after a `...` end marker without a new `---` never reaches the
  // cluster, so it is not judged either.
  const startsChunk = events.filter((e) => e.type === DOCUMENT).map((e) => (e as { explicitStart?: boolean }).explicitStart === true);
  const nodes = buildNodes(events, src);
  const docs = values.map((value, index) => ({ index, value, node: nodes[index] }));
  return options.dialect === 'kubernetes' ? docs.filter((_, i) => i === 0 || startsChunk[i]) : docs;
}

/** Which reader's scalar rules apply: YAML 1.2 core (configuration), go-yaml v2 (Kubernetes) or go-yaml v3 (Compose). */
export interface YamlOptions {
  dialect?: 'core' | 'kubernetes' | 'compose';
}

/** Moves an event's offsets from the re-indented text back to the file as written. */
function remapOffsets(e: Event, repair: IndentationRepair): void {
  const o = e as unknown as Record<string, number>;
  for (const key of OFFSET_FIELDS) if (typeof o[key] === 'number' && o[key]! >= 0) o[key] = repair.toOriginal(o[key]!);
}

const OFFSET_FIELDS = ['start', 'valueStart', 'valueEnd', 'anchorStart', 'anchorEnd', 'tagStart', 'tagEnd'] as const;

function toSyntaxError(error: unknown, src: SourceFile, repair?: IndentationRepair): YamlSyntaxError {
  if (error instanceof AliasBudgetError) {
    // The offset is in the text as parsed (re-indented, if it was): report it in the file as written.
    const at = src.lines.position(repair?.repaired ? repair.toOriginal(error.offset) : error.offset);
    return new YamlSyntaxError(error.message, at.line, at.column);
  }
  const e = error as { reason?: string; mark?: { line?: number; column?: number }; message?: string };
  const mark = e.mark;
  const reason = e.reason ?? String(e.message ?? error);
  if (mark && typeof mark.line === 'number') {
    let column = mark.column ?? 0;
    if (repair?.repaired) {
      // Lines never move; a column on a re-indented line does.
      const offset = repair.toOriginal(repair.offsetOf(mark.line, column));
      column = offset - (repair.original.lastIndexOf('\n', offset - 1) + 1);
    }
    return new YamlSyntaxError(reason, mark.line + 1, column + 1);
  }
  return new YamlSyntaxError(reason, undefined, undefined);
}

/** Walks the event stream into one position tree per document. */
function buildNodes(events: Event[], src: SourceFile): (YamlNode | undefined)[] {
  const text = src.text;
  const anchors = new Map<string, YamlNode>();
  const docs: (YamlNode | undefined)[] = [];
  let i = 0;
  // End of the last node seen: an empty scalar (`key:`) is placed there.
  let lastEnd = 0;

  const node = (): YamlNode => {
    const e = events[i++]!;
    spendAt(lastEnd); // the per-file time budget (scan/file-budget.ts)
    switch (e.type) {
      case MAPPING: {
        // name, key node, value node, name, key node, … (one array, trimmed below)
        const packed: (string | YamlNode)[] = [];
        let end = e.start;
        while (events[i]!.type !== POP) {
          const keyEvent = events[i]!;
          const key = node();
          const value = node();
          if (keyEvent.type === SCALAR) packed.push(getScalarValue(text, keyEvent), key, value);
          end = value.end;
        }
        i++;
        // slice() copies to the exact length: a pushed array keeps growth slack.
        const map = new PackedMapNode(src, e.start, end, packed.slice());
        map.applyMerge();
        if (e.style === 2) map.end = closeFlow(text, map.end, '}');
        lastEnd = map.end;
        remember(e, map);
        return map;
      }
      case SEQUENCE: {
        const seq: YamlSeqNode = { kind: 'seq', src, start: e.start, end: e.start, items: [] };
        while (events[i]!.type !== POP) {
          const item = node();
          seq.items.push(item);
          seq.end = item.end;
        }
        i++;
        if (e.style === 2) seq.end = closeFlow(text, seq.end, ']');
        lastEnd = seq.end;
        remember(e, seq);
        return seq;
      }
      case SCALAR: {
        const s = scalarNode(e);
        remember(e, s);
        return s;
      }
      case ALIAS: {
        const target = anchors.get(text.slice(e.anchorStart, e.anchorEnd));
        const at: YamlScalarNode = { kind: 'scalar', src, start: e.anchorStart - 1, end: e.anchorEnd };
        lastEnd = at.end;
        // An alias resolves to the anchored node's children but sits where the alias is written.
        return target ? relocate(target, at.start, at.end) : at;
      }
      default:
        throw new Error(`unexpected YAML event ${e.type}`);
    }
  };

  const scalarNode = (e: ScalarEvent): YamlScalarNode => {
    if (e.valueStart < 0) return { kind: 'scalar', src, start: lastEnd, end: lastEnd };
    let start = e.valueStart;
    let end = e.valueEnd;
    // Quoted scalars: include the quotes, so the range covers what the user typed.
    if (e.style === 2 || e.style === 3) {
      if (start > 0 && (text[start - 1] === "'" || text[start - 1] === '"')) start--;
      if (text[end] === "'" || text[end] === '"') end++;
    }
    lastEnd = end;
    return { kind: 'scalar', src, start, end };
  };

  const remember = (e: { anchorStart: number; anchorEnd: number }, n: YamlNode): void => {
    if (e.anchorStart >= 0) anchors.set(text.slice(e.anchorStart, e.anchorEnd), n);
  };

  while (i < events.length) {
    const e = events[i]!;
    if (e.type === DOCUMENT) {
      i++;
      if (events[i]!.type === POP) docs.push(undefined);
      else docs.push(node());
      i++; // the document's POP
    } else {
      i++;
    }
  }
  return docs;
}

/**
 * A mapping's position node for a tree built without parsing (a value already in
 * memory, printed by the caller): `packed` holds name, key node, value node, … .
 */
export function packedMapNode(src: SourceFile, start: number, end: number, packed: (string | YamlNode)[]): YamlMapNode {
  return new PackedMapNode(src, start, end, packed);
}

/**
 * A mapping's position node. Its entries live in one packed array (name, key
 * node, value node, …) looked up by a linear scan — mappings are small (about four
 * keys in Kubernetes manifests) — rather than in a `Map` per mapping, which was
 * most of a scan's retained memory.
 */
class PackedMapNode implements YamlMapNode, YamlEntries {
  readonly kind = 'map' as const;

  constructor(
    readonly src: SourceFile,
    public start: number,
    public end: number,
    /** Triples: name, key node, value node. */
    private packed: (string | YamlNode)[],
  ) {}

  get entries(): YamlEntries {
    return this;
  }

  get size(): number {
    return this.packed.length / 3;
  }

  get(key: string): YamlEntry | undefined {
    const p = this.packed;
    // The last occurrence wins, as in the values (and merge keys come first).
    for (let k = p.length - 3; k >= 0; k -= 3) if (p[k] === key) return { key: p[k + 1] as YamlScalarNode, value: p[k + 2] as YamlNode };
    return undefined;
  }

  has(key: string): boolean {
    const p = this.packed;
    for (let k = 0; k < p.length; k += 3) if (p[k] === key) return true;
    return false;
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this) yield key;
  }

  *values(): IterableIterator<YamlEntry> {
    for (const [, entry] of this) yield entry;
  }

  *[Symbol.iterator](): IterableIterator<[string, YamlEntry]> {
    const p = this.packed;
    // js-yaml rejects duplicate keys and merges are deduplicated, so each name is
    // here once; should one repeat, the later entry wins, as in `get`.
    const winner = new Map<string, number>();
    for (let k = 0; k < p.length; k += 3) winner.set(p[k] as string, k);
    for (let k = 0; k < p.length; k += 3) {
      if (winner.get(p[k] as string) !== k) continue;
      yield [p[k] as string, { key: p[k + 1] as YamlScalarNode, value: p[k + 2] as YamlNode }];
    }
  }

  /** Resolves a `<<` merge key in place: keys written here win, then earlier merged mappings. */
  applyMerge(): void {
    const p = this.packed;
    let at = -1;
    for (let k = 0; k < p.length; k += 3) if (p[k] === '<<') at = k;
    if (at === -1) return;
    const merge = p[at + 2] as YamlNode;
    const own = p.filter((_, k) => Math.floor(k / 3) !== at / 3);
    const merged: (string | YamlNode)[] = [];
    const have = new Set<string>();
    for (let k = 0; k < own.length; k += 3) have.add(own[k] as string);
    for (const source of merge.kind === 'seq' ? merge.items : [merge]) {
      if (source.kind !== 'map') continue;
      for (const [name, entry] of source.entries) {
        if (have.has(name)) continue;
        have.add(name);
        merged.push(name, entry.key, entry.value);
      }
    }
    // Merged entries first, so own keys (later) win lookups that scan from the end.
    this.packed = [...merged, ...own];
  }

  /** The same mapping written elsewhere (an alias): shares the children. */
  at(start: number, end: number): PackedMapNode {
    return new PackedMapNode(this.src, start, end, this.packed);
  }
}

/** An anchored node as it appears where an alias names it. */
function relocate(target: YamlNode, start: number, end: number): YamlNode {
  if (target instanceof PackedMapNode) return target.at(start, end);
  return { ...target, start, end };
}

/** End offset just past the closing bracket of a flow collection. */
function closeFlow(text: string, from: number, bracket: string): number {
  const at = text.indexOf(bracket, from);
  return at === -1 ? from : at + 1;
}
