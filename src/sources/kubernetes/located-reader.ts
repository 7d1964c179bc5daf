/**
 * Reads typed values out of a parsed YAML object together with their locations.
 * Wrong types are reported once, as schema errors, and read as absent, so a
 * malformed field never crashes a scan or turns into a false verdict.
 */
import type { Located } from '../../model/location.js';
import { childOf, nodeLoc, type YamlNode } from '../yaml/yaml-node.js';

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A parsed object and its position node, read field by field. */
export class Reader {
  constructor(
    readonly value: Obj,
    readonly node: YamlNode,
    private readonly onSchemaError: (message: string, node: YamlNode) => void,
  ) {}

  /** The child object at `key`, if it is a mapping. */
  obj(key: string): Reader | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    const node = childOf(this.node, key) ?? this.node;
    if (!isObj(v)) {
      this.onSchemaError(`${key} must be a mapping`, node);
      return undefined;
    }
    return new Reader(v, node, this.onSchemaError);
  }

  /** The child list at `key` as readers of its mapping items. */
  list(key: string): Reader[] {
    const v = this.value[key];
    if (v === undefined || v === null) return [];
    const node = childOf(this.node, key) ?? this.node;
    if (!Array.isArray(v)) {
      this.onSchemaError(`${key} must be a list`, node);
      return [];
    }
    const out: Reader[] = [];
    v.forEach((item, i) => {
      const itemNode = childOf(node, i) ?? node;
      if (isObj(item)) out.push(new Reader(item, itemNode, this.onSchemaError));
      else this.onSchemaError(`${key}[${i}] must be a mapping`, itemNode);
    });
    return out;
  }

  /** The child list at `key` as located strings. */
  strings(key: string): Located<string>[] {
    const v = this.value[key];
    if (v === undefined || v === null) return [];
    const node = childOf(this.node, key) ?? this.node;
    if (!Array.isArray(v)) {
      this.onSchemaError(`${key} must be a list`, node);
      return [];
    }
    return v.map((item, i) => ({ value: String(item), loc: nodeLoc(childOf(node, i) ?? node) }));
  }

  /** A scalar as a string (numbers and booleans as written by YAML). */
  str(key: string): Located<string> | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    const node = childOf(this.node, key) ?? this.node;
    if (typeof v === 'object') {
      this.onSchemaError(`${key} must be a scalar`, node);
      return undefined;
    }
    return { value: String(v), loc: nodeLoc(node) };
  }

  bool(key: string): Located<boolean> | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    const node = childOf(this.node, key) ?? this.node;
    if (typeof v !== 'boolean') {
      this.onSchemaError(`${key} must be true or false`, node);
      return undefined;
    }
    return { value: v, loc: nodeLoc(node) };
  }

  num(key: string): Located<number> | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    const node = childOf(this.node, key) ?? this.node;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(n)) {
      this.onSchemaError(`${key} must be a number`, node);
      return undefined;
    }
    return { value: n, loc: nodeLoc(node) };
  }

  /** A string map (labels, annotations). */
  stringMap(key: string): Record<string, string> {
    const v = this.value[key];
    if (!isObj(v)) return {};
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
    return out;
  }
}
