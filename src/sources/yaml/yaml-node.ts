/**
 * A position tree that mirrors a parsed YAML document: for each mapping its keys,
 * for each sequence its items, for each node its source range. It is built from the
 * same parser events that build the values, so locations cost no second parse.
 */
import type { Located, Location } from '../../model/location.js';
import { rangeLoc, type SourceFile } from '../source-file.js';

export type YamlNode = YamlMapNode | YamlSeqNode | YamlScalarNode;

interface YamlNodeBase {
  src: SourceFile;
  /** 0-based offset where the node's text starts. */
  start: number;
  /** 0-based offset just past the node's text. */
  end: number;
}

export interface YamlMapNode extends YamlNodeBase {
  kind: 'map';
  entries: YamlEntries;
}

/** A mapping's entries by key: the read side of a `Map`. */
export interface YamlEntries extends Iterable<[string, YamlEntry]> {
  readonly size: number;
  get(key: string): YamlEntry | undefined;
  has(key: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<YamlEntry>;
}

export interface YamlEntry {
  key: YamlScalarNode;
  value: YamlNode;
}

export interface YamlSeqNode extends YamlNodeBase {
  kind: 'seq';
  items: YamlNode[];
}

export interface YamlScalarNode extends YamlNodeBase {
  kind: 'scalar';
}

/** The source location of a node. */
export function nodeLoc(node: YamlNode): Location {
  return rangeLoc(node.src, node.start, node.end);
}

/** The entry for `key` in a mapping node, if the node is a mapping and has it. */
export function entryOf(node: YamlNode | undefined, key: string): YamlEntry | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

/** The value node for `key` of a mapping node. */
export function childOf(node: YamlNode | undefined, key: string | number): YamlNode | undefined {
  if (!node) return undefined;
  if (typeof key === 'number') return node.kind === 'seq' ? node.items[key] : undefined;
  return node.kind === 'map' ? node.entries.get(key)?.value : undefined;
}

/**
 * Follows a path of keys and indexes. Returns the deepest node reached, and
 * whether the whole path was found, so that a missing field can borrow the
 * location of its nearest present owner.
 *
 * @example
 * locate(podSpecNode, ['containers', 0, 'securityContext', 'privileged'])
 */
export function locate(node: YamlNode | undefined, path: readonly (string | number)[]): { node: YamlNode | undefined; found: boolean } {
  let here = node;
  for (const key of path) {
    const next = childOf(here, key);
    if (!next) return { node: here, found: false };
    here = next;
  }
  return { node: here, found: true };
}

/** Location of the value at `path`, or of the nearest owner present. */
export function locAt(node: YamlNode, path: readonly (string | number)[]): Location {
  const hit = locate(node, path);
  return nodeLoc(hit.node ?? node);
}

/** Location of a mapping key (`privileged:`), for findings about a key as a whole. */
export function keyLoc(node: YamlNode | undefined, key: string): Location | undefined {
  const entry = entryOf(node, key);
  return entry ? nodeLoc(entry.key) : undefined;
}

/**
 * Location for a whole `key: value` pair: from the key's start to the value's end.
 */
export function pairLoc(node: YamlNode | undefined, key: string): Location | undefined {
  const entry = entryOf(node, key);
  if (!entry) return undefined;
  return rangeLoc(entry.key.src, entry.key.start, Math.max(entry.key.end, entry.value.end));
}

/** A value with the location of its node (the owner's when the node is missing). */
export function withLoc<T>(value: T, node: YamlNode | undefined, owner: YamlNode): Located<T> {
  return { value, loc: nodeLoc(node ?? owner) };
}
