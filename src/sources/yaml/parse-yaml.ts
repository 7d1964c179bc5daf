/**
 * Parses YAML (and JSON) into values plus a position tree, from one pass of
 * js-yaml's event parser: `parseEvents` once, then `constructFromEvents` builds the
 * values exactly as `loadAll` would and `buildNodes` walks the same events for
 * positions. Measured: within noise of a bare `loadAll` (see bench/).
 */
import { constructFromEvents, CORE_SCHEMA, getScalarValue, mergeTag, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import type { SourceFile } from '../source-file.js';
import type { YamlMapNode, YamlNode, YamlScalarNode, YamlSeqNode } from './yaml-node.js';

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
 * Throws `YamlSyntaxError` (with line and column) on malformed input.
 *
 * @example
 * const docs = parseYaml(sourceFile('pod.yaml', text));
 * docs[0].value; // the object
 * locAt(docs[0].node!, ['spec', 'containers', 0]);
 */
export function parseYaml(src: SourceFile): YamlDocument[] {
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(src.text, { filename: src.path, maxDepth: 200 });
    values = constructFromEvents(events, { source: src.text, filename: src.path, maxAliases: 1000, schema: SCHEMA });
  } catch (error) {
    throw toSyntaxError(error);
  }
  const nodes = buildNodes(events, src);
  return values.map((value, index) => ({ index, value, node: nodes[index] }));
}

function toSyntaxError(error: unknown): YamlSyntaxError {
  const e = error as { reason?: string; mark?: { line?: number; column?: number }; message?: string };
  const mark = e.mark;
  const reason = e.reason ?? String(e.message ?? error);
  if (mark && typeof mark.line === 'number') return new YamlSyntaxError(reason, mark.line + 1, (mark.column ?? 0) + 1);
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
    switch (e.type) {
      case MAPPING: {
        const map: YamlMapNode = { kind: 'map', src, start: e.start, end: e.start, entries: new Map() };
        while (events[i]!.type !== POP) {
          const keyEvent = events[i]!;
          const key = node();
          const value = node();
          if (keyEvent.type === SCALAR) map.entries.set(getScalarValue(text, keyEvent), { key: key as YamlScalarNode, value });
          map.end = value.end;
        }
        i++;
        mergeKeys(map);
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
        return target ? { ...target, start: at.start, end: at.end } : at;
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
 * Applies a `<<` merge key to the position tree as the schema applies it to the
 * values: keys written in the mapping win, then earlier merged mappings over later
 * ones. Merged entries keep the anchor's positions, where their text is.
 */
function mergeKeys(map: YamlMapNode): void {
  const merge = map.entries.get('<<');
  if (!merge) return;
  map.entries.delete('<<');
  const sources = merge.value.kind === 'seq' ? merge.value.items : [merge.value];
  for (const source of sources) {
    if (source.kind !== 'map') continue;
    for (const [key, entry] of source.entries) if (!map.entries.has(key)) map.entries.set(key, entry);
  }
}

/** End offset just past the closing bracket of a flow collection. */
function closeFlow(text: string, from: number, bracket: string): number {
  const at = text.indexOf(bracket, from);
  return at === -1 ? from : at + 1;
}
