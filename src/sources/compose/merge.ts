/**
 * Merging Compose services as `docker compose` does for override files and
 * `extends` (compose-spec "Merge"): mappings merge key by key, sequences append,
 * `command`/`entrypoint`/`healthcheck.test` are replaced, `ports`, `volumes`,
 * `secrets` and `configs` merge by their unique key, and `environment`/`labels`
 * merge as mappings whichever syntax each file uses. Forms that can be a string or
 * a list (`tmpfs`, `env_file`, `dns`) are normalised to lists first. `!reset`
 * removes what the base set; `!override` replaces it whole.
 */
import type { ComposeEntry, ComposeMap, ComposeNode, ComposeScalar } from './compose-node.js';
import { scalarText, subScalar } from './compose-node.js';

const REPLACED = new Set(['command', 'entrypoint']);
const MAPPING_LIKE = new Set(['environment', 'labels', 'sysctls', 'annotations', 'extra_hosts']);
const STRING_OR_LIST = new Set(['tmpfs', 'env_file', 'dns', 'dns_search']);
const UNIQUE_BY: Record<string, (item: ComposeNode) => string> = {
  ports: portKey,
  volumes: (item) => volumeTarget(item),
  secrets: (item) => secretTarget(item),
  configs: (item) => secretTarget(item),
};

/**
 * Puts a service mapping in the shape merging expects: list-form `environment`
 * becomes a mapping, a single `tmpfs` string a list, `extends: base` a mapping.
 * Changes the node in place and returns it.
 */
export function normalizeService(service: ComposeMap): ComposeMap {
  for (const [key, entry] of service.entries) {
    const value = entry.value;
    if (MAPPING_LIKE.has(key) && value.kind === 'seq') entry.value = listToMap(value.items, value.loc);
    else if (STRING_OR_LIST.has(key) && value.kind !== 'seq') entry.value = { kind: 'seq', loc: value.loc, items: [value] };
    else if (key === 'extends' && value.kind === 'scalar') {
      entry.value = { kind: 'map', loc: value.loc, entries: new Map([['service', { keyLoc: value.loc, value }]]) };
    }
  }
  return service;
}

/** `["A=1", "B"]` → `{A: "1", B: null}`, each value located in its list item. */
function listToMap(items: ComposeNode[], loc: ComposeNode['loc']): ComposeMap {
  const entries = new Map<string, ComposeEntry>();
  for (const item of items) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    const text = String(item.value);
    const eq = text.indexOf('=');
    const name = eq === -1 ? text : text.slice(0, eq);
    const keyLoc = subScalar(item, 0, name.length).loc;
    const value: ComposeScalar = eq === -1 ? { kind: 'scalar', loc: item.loc, value: null } : subScalar(item, eq + 1);
    entries.set(name, { keyLoc, value });
  }
  return { kind: 'map', loc, entries };
}

/**
 * Merges `over` onto `base` (both normalised services) and returns the result;
 * neither input is changed.
 */
export function mergeService(base: ComposeMap, over: ComposeMap): ComposeMap {
  return mergeMap(base, over, '');
}

function mergeMap(base: ComposeMap, over: ComposeMap, path: string): ComposeMap {
  const entries = new Map(base.entries);
  for (const [key, entry] of over.entries) {
    const have = entries.get(key);
    if (!have) {
      entries.set(key, entry);
      continue;
    }
    if (entry.value.tag === 'reset') entries.delete(key);
    else entries.set(key, { keyLoc: entry.keyLoc, value: mergeValue(have.value, entry.value, path ? `${path}.${key}` : key) });
  }
  return { kind: 'map', loc: over.loc, entries };
}

function mergeValue(base: ComposeNode, over: ComposeNode, path: string): ComposeNode {
  if (REPLACED.has(path) || path === 'healthcheck.test' || over.tag === 'override') return over;
  if (base.kind === 'map' && over.kind === 'map') return mergeMap(base, over, path);
  if (base.kind === 'seq' && over.kind === 'seq') {
    const unique = UNIQUE_BY[path];
    if (unique) {
      const byKey = new Map<string, ComposeNode>();
      for (const item of [...base.items, ...over.items]) byKey.set(unique(item), item);
      return { kind: 'seq', loc: over.loc, items: [...byKey.values()] };
    }
    // Plain sequences append; a value already present is not repeated.
    const seen = new Set(base.items.map((i) => scalarText(i) ?? Symbol() as unknown as string));
    const items = [...base.items];
    for (const item of over.items) {
      const text = scalarText(item);
      if (text !== undefined && seen.has(text)) continue;
      items.push(item);
    }
    return { kind: 'seq', loc: over.loc, items };
  }
  return over;
}

function portKey(item: ComposeNode): string {
  if (item.kind === 'map') {
    const get = (k: string): string => scalarText(item.entries.get(k)?.value) ?? '';
    return `${get('host_ip')}|${get('target')}|${get('published')}|${get('protocol') || 'tcp'}`;
  }
  const text = scalarText(item) ?? '';
  const slash = text.lastIndexOf('/');
  const proto = slash === -1 ? 'tcp' : text.slice(slash + 1);
  const body = slash === -1 ? text : text.slice(0, slash);
  const parts = body.split(':');
  const target = parts.pop() ?? '';
  const published = parts.pop() ?? '';
  return `${parts.join(':')}|${target}|${published}|${proto}`;
}

function volumeTarget(item: ComposeNode): string {
  if (item.kind === 'map') return scalarText(item.entries.get('target')?.value) ?? '';
  const parts = (scalarText(item) ?? '').split(':');
  return parts.length === 1 ? parts[0]! : parts[1]!;
}

function secretTarget(item: ComposeNode): string {
  if (item.kind === 'map') return scalarText(item.entries.get('target')?.value) ?? scalarText(item.entries.get('source')?.value) ?? '';
  return scalarText(item) ?? '';
}
