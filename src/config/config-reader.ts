/**
 * Reading a YAML value together with its position tree, so that every
 * configuration error names the file, line and column of what is wrong.
 */
import type { ScanError } from '../model/finding.js';
import { childOf, nodeLoc, type YamlNode } from '../sources/yaml/yaml-node.js';
import { suggestion } from './did-you-mean.js';

/** A value and its node; the node is the nearest present owner when the value is missing. */
export interface Field {
  value: unknown;
  node: YamlNode;
}

export class ConfigReader {
  constructor(
    readonly file: string,
    readonly errors: ScanError[],
  ) {}

  /** Records an error at a node. */
  error(node: YamlNode, message: string): void {
    const l = nodeLoc(node);
    this.errors.push({ file: this.file, line: l.startLine, column: l.startColumn, message, code: 'config' });
  }

  /** The entries of a mapping, or undefined (with an error) when it is not one. */
  map(field: Field, what: string): Map<string, Field> | undefined {
    if (!isPlainObject(field.value) || field.node.kind !== 'map') {
      this.error(field.node, `${what} must be a mapping; found ${describe(field.value)}`);
      return undefined;
    }
    const out = new Map<string, Field>();
    for (const [key, val] of Object.entries(field.value)) out.set(key, { value: val, node: childOf(field.node, key) ?? field.node });
    return out;
  }

  /** Reports every key not in `allowed`, at the key, with a suggestion. */
  onlyKeys(field: Field, entries: Map<string, Field>, allowed: readonly string[], where: string): void {
    for (const key of entries.keys()) {
      if (allowed.includes(key)) continue;
      this.error(keyNode(field.node, key), `unknown key '${key}' in ${where}${suggestion(key, allowed)}; expected one of: ${allowed.join(', ')}`);
    }
  }

  string(field: Field, what: string): string | undefined {
    if (typeof field.value === 'string') return field.value;
    this.error(field.node, `${what} must be a string; found ${describe(field.value)}`);
    return undefined;
  }

  /** A list of strings; a single string is taken as a list of one when `single` is set. */
  strings(field: Field, what: string, single = false): string[] | undefined {
    if (single && typeof field.value === 'string') return [field.value];
    if (!Array.isArray(field.value) || field.node.kind !== 'seq') {
      this.error(field.node, `${what} must be a list of strings; found ${describe(field.value)}`);
      return undefined;
    }
    const out: string[] = [];
    const items = field.node.items;
    field.value.forEach((item, i) => {
      if (typeof item === 'string') out.push(item);
      else this.error(items[i] ?? field.node, `${what}[${i}] must be a string; found ${describe(item)}`);
    });
    return out;
  }

  /** A mapping of strings to strings. */
  stringMap(field: Field, what: string): Record<string, string> | undefined {
    const entries = this.map(field, what);
    if (!entries) return undefined;
    const out: Record<string, string> = {};
    for (const [key, f] of entries) {
      if (typeof f.value === 'string') out[key] = f.value;
      else this.error(f.node, `${what}.${key} must be a string; found ${describe(f.value)}`);
    }
    return out;
  }

  /** The items of a list with their nodes. */
  list(field: Field, what: string): Field[] | undefined {
    if (!Array.isArray(field.value) || field.node.kind !== 'seq') {
      this.error(field.node, `${what} must be a list; found ${describe(field.value)}`);
      return undefined;
    }
    const items = field.node.items;
    return field.value.map((value, i) => ({ value, node: items[i] ?? field.node }));
  }
}

function keyNode(node: YamlNode, key: string): YamlNode {
  return node.kind === 'map' ? (node.entries.get(key)?.key ?? node) : node;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a found value for messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
