/**
 * A Compose document as a tree of located values. Interpolation, `extends` and the
 * override merge all work on this tree, so after them every value still knows the
 * file, line and column it came from — the override file's, when it wins.
 */
import type { Location } from '../../model/location.js';
import { exactSpan, looseSpan, type TextSpan } from '../container-values/text-span.js';
import { rangeLoc, sourceFile, type SourceFile } from '../source-file.js';
import { nodeLoc, type YamlNode } from '../yaml/yaml-node.js';

export type ComposeNode = ComposeMap | ComposeSeq | ComposeScalar;

/** Compose's merge tags: `!reset` drops the value, `!override` replaces instead of merging. */
export type ComposeTag = 'reset' | 'override';

export interface ComposeMap {
  kind: 'map';
  loc: Location;
  tag?: ComposeTag;
  entries: Map<string, ComposeEntry>;
}

export interface ComposeEntry {
  keyLoc: Location;
  value: ComposeNode;
}

export interface ComposeSeq {
  kind: 'seq';
  loc: Location;
  tag?: ComposeTag;
  items: ComposeNode[];
}

export interface ComposeScalar {
  kind: 'scalar';
  loc: Location;
  tag?: ComposeTag;
  value: string | number | boolean | null;
  /** Unknown until deploy time: a variable interpolation could not resolve. */
  dynamic?: boolean;
  /** Where the value is written verbatim, so parts of it can be located exactly. */
  verbatim?: { src: SourceFile; offset: number };
  /** Variables interpolated into the value from `.env`, and where their values are written there. */
  from?: { name: string; loc: Location }[];
}

/**
 * Builds the tree from a parsed value and its position tree. Merge keys
 * (`<<: *defaults`) are resolved here, as Compose resolves them.
 */
export function toComposeNode(value: unknown, node: YamlNode | undefined, owner: Location): ComposeNode {
  const loc = node ? nodeLoc(node) : owner;
  if (Array.isArray(value)) {
    const nodes = node?.kind === 'seq' ? node.items : undefined;
    const items: ComposeNode[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = toComposeNode(value[i], nodes?.[i], loc);
    return { kind: 'seq', loc, items };
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = new Map<string, ComposeEntry>();
    let merged: ComposeNode | undefined;
    const nodes = node?.kind === 'map' ? node.entries : undefined;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      const entry = nodes?.get(key);
      const keyLoc = entry ? nodeLoc(entry.key) : loc;
      const converted = toComposeNode(child, entry?.value, keyLoc);
      if (key === '<<') merged = converted;
      else entries.set(key, { keyLoc, value: converted });
    }
    // YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`): keys written here win, then
    // earlier sources over later ones. The values keep the anchor's locations.
    for (const source of merged?.kind === 'seq' ? merged.items : merged ? [merged] : []) {
      if (source.kind !== 'map') continue;
      for (const [key, entry] of source.entries) if (!entries.has(key)) entries.set(key, entry);
    }
    return { kind: 'map', loc, entries };
  }
  const scalar: ComposeScalar = { kind: 'scalar', loc, value: value instanceof Date ? value.toISOString() : (value as ComposeScalar['value']) ?? null };
  if (node && node.kind === 'scalar' && typeof scalar.value === 'string') {
    // Written as it reads, or in quotes with nothing escaped: compared in place, without a copy of the text.
    const text = node.src.text;
    const length = node.end - node.start;
    const v = scalar.value;
    if (length === v.length && text.startsWith(v, node.start)) scalar.verbatim = { src: node.src, offset: node.start };
    else if (length === v.length + 2 && isQuote(text.charCodeAt(node.start)) && text.charCodeAt(node.end - 1) === text.charCodeAt(node.start) && text.startsWith(v, node.start + 1)) {
      scalar.verbatim = { src: node.src, offset: node.start + 1 };
    }
  }
  return scalar;
}

function isQuote(code: number): boolean {
  return code === 0x22 || code === 0x27;
}

/**
 * Blanks Compose's `!reset`/`!override` tags (which a plain YAML schema rejects) so the
 * text keeps its offsets, and returns where the tagged values start.
 */
export function stripComposeTags(src: SourceFile): { src: SourceFile; tags: Map<string, ComposeTag> } {
  const tags = new Map<string, ComposeTag>();
  if (!src.text.includes('!reset') && !src.text.includes('!override')) return { src, tags };
  const text = src.text.replace(/(?<=^|[\s:[{,-])!(reset|override)(?=\s|$)/gm, (whole: string, name: string, offset: number) => {
    let at = offset + whole.length;
    while (at < src.text.length && /\s/.test(src.text[at]!)) at++;
    const pos = src.lines.position(at);
    tags.set(`${pos.line}:${pos.column}`, name as ComposeTag);
    return ' '.repeat(whole.length);
  });
  return { src: sourceFile(src.path, text), tags };
}

/** Marks the nodes that start where a tag's value starts. */
export function applyComposeTags(node: ComposeNode, tags: ReadonlyMap<string, ComposeTag>): void {
  if (!tags.size) return;
  const tag = tags.get(`${node.loc.startLine}:${node.loc.startColumn}`);
  if (tag) node.tag = tag;
  if (node.kind === 'map') for (const e of node.entries.values()) applyComposeTags(e.value, tags);
  else if (node.kind === 'seq') for (const item of node.items) applyComposeTags(item, tags);
}

/**
 * The tree without `!reset` values left after merging (reset means "as if never
 * set"), as a copy: resolved services share
 * subtrees (one base under several services, once per scan), so none is edited.
 */
export function withoutResets(node: ComposeMap): ComposeMap;
export function withoutResets(node: ComposeNode): ComposeNode;
export function withoutResets(node: ComposeNode): ComposeNode {
  // Most trees have no `!reset`: they are returned as they are (nothing downstream edits them).
  if (!hasReset(node)) return node;
  if (node.kind === 'map') {
    const entries = new Map<string, ComposeEntry>();
    for (const [key, entry] of node.entries) if (entry.value.tag !== 'reset') entries.set(key, { ...entry, value: withoutResets(entry.value) });
    return { ...node, entries };
  }
  if (node.kind === 'seq') return { ...node, items: node.items.filter((item) => item.tag !== 'reset').map((item) => withoutResets(item)) };
  return node;
}

function hasReset(node: ComposeNode): boolean {
  if (node.kind === 'map') {
    for (const entry of node.entries.values()) if (entry.value.tag === 'reset' || hasReset(entry.value)) return true;
  } else if (node.kind === 'seq') {
    for (const item of node.items) if (item.tag === 'reset' || hasReset(item)) return true;
  }
  return false;
}

/** The child at `key` of a mapping node. */
export function child(node: ComposeNode | undefined, key: string): ComposeNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key)?.value : undefined;
}

/** The scalar's text (numbers and booleans as YAML wrote them), or undefined. */
export function scalarText(node: ComposeNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** A scalar as a span whose parts can be located (exactly when written verbatim). */
export function spanOf(node: ComposeScalar): TextSpan {
  const text = node.value === null ? '' : String(node.value);
  if (node.verbatim) return exactSpan(node.verbatim.src, node.verbatim.offset, text, node.dynamic);
  return looseSpan(text, node.loc, node.dynamic);
}

/** A scalar made from part of another (an `environment` list item's value). */
export function subScalar(node: ComposeScalar, from: number, to?: number): ComposeScalar {
  const text = String(node.value ?? '');
  const value = text.slice(from, to);
  const span = spanOf(node).sub(from, to);
  const out: ComposeScalar = { kind: 'scalar', loc: span.loc, value };
  if (node.dynamic && /\$/.test(value)) out.dynamic = true;
  if (node.verbatim) out.verbatim = { src: node.verbatim.src, offset: node.verbatim.offset + from };
  // `KEY=${VAR}`: the value part is what `.env` supplied.
  if (node.from && from > 0) out.from = node.from;
  return out;
}

/** Location helper for a whole file (a document that is not a mapping). */
export function fileStartLoc(src: SourceFile): Location {
  return rangeLoc(src, 0, Math.min(src.text.length, src.text.indexOf('\n') === -1 ? src.text.length : src.text.indexOf('\n')));
}
