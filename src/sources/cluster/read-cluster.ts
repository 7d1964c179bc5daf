/**
 * Reads a cluster as a stream of batches, one per namespace, so that memory holds one
 * namespace's objects (plus the cluster-scoped ones) however many namespaces there are.
 * The namespaced kinds are listed cluster-wide and page by page; since the API server
 * lists in `<namespace>/<name>` order, the lists are walked side by side and cut at
 * each namespace boundary: as few requests as listing every kind once.
 *
 * A list the user may not read (403) or that the server does not serve (404) becomes a
 * warning naming the kind and verb; the audit goes on with the rest.
 */
import picomatch from 'picomatch';
import { ApiError, type ApiClient } from './api-client.js';
import { apiVersionOf, CLUSTER_KINDS, listPath, NAMESPACED_KINDS, type ClusterKind } from './cluster-kinds.js';
import { ListCursor, namespaceOf, type ApiObject } from './list-cursor.js';

export interface ReadOptions {
  /** Only these namespaces (`--namespace`); all when absent. */
  namespaces?: readonly string[];
  /** Namespace name globs to include / exclude (`--include-namespace`, `--exclude-namespace`). */
  include?: readonly string[];
  exclude?: readonly string[];
  /** Objects per list request (`--page-size`). */
  pageSize: number;
}

export interface ClusterBatch {
  /** The namespace of the batch; undefined for the cluster-scoped batch. */
  namespace: string | undefined;
  /** The batch's objects; every batch also sees `shared` (Namespaces, ClusterRoles, bindings). */
  objects: ApiObject[];
}

export interface ClusterRead {
  /** Namespaces, ClusterRoles and ClusterRoleBindings: part of every batch's model. */
  shared: ApiObject[];
  /** Roles and RoleBindings by namespace. */
  rbacByNamespace: Map<string, ApiObject[]>;
  batches: AsyncGenerator<ClusterBatch>;
}

export type Warn = (message: string, code: string) => void;

/**
 * Lists the cluster-scoped kinds, then returns the namespaced ones as a stream.
 *
 * @example
 * const read = await readCluster(client, { pageSize: 500 }, warn);
 * for await (const batch of read.batches) judge(read.shared, batch.objects);
 */
export async function readCluster(client: ApiClient, options: ReadOptions, warn: Warn): Promise<ClusterRead> {
  const inScope = namespaceFilter(options);
  const shared: ApiObject[] = [];
  const rbacByNamespace = new Map<string, ApiObject[]>();
  let namespaceNames: string[] | undefined;
  for (const kind of CLUSTER_KINDS) {
    if (kind.kind === 'Namespace' && options.namespaces) {
      // Named namespaces are read one by one: `get` is enough, no cluster-wide list.
      for (const ns of options.namespaces) {
        const o = await getOne(client, kind, ns, warn);
        if (o && inScope(ns)) shared.push(o);
      }
      namespaceNames = [...options.namespaces];
      continue;
    }
    const explicit = kind.namespaced && options.namespaces ? options.namespaces : [undefined];
    for (const ns of explicit) {
      const items = await drain(new ListCursor(client, kind, options.pageSize, ns), warn, ns);
      if (!items) {
        if (kind.kind === 'Namespace') namespaceNames = undefined;
        continue;
      }
      if (kind.kind === 'Namespace') namespaceNames = items.map((o) => o.metadata?.name ?? '').filter(Boolean);
      for (const o of items) {
        if (!kind.namespaced) {
          if (kind.kind !== 'Namespace' || inScope(o.metadata?.name ?? '')) shared.push(o);
          continue;
        }
        const on = namespaceOf(o);
        if (!inScope(on)) continue;
        const list = rbacByNamespace.get(on) ?? [];
        list.push(o);
        rbacByNamespace.set(on, list);
      }
    }
  }
  const wanted = options.namespaces ? [...options.namespaces] : undefined;
  return { shared, rbacByNamespace, batches: batches(client, options, inScope, wanted, namespaceNames, warn) };
}

async function* batches(
  client: ApiClient,
  options: ReadOptions,
  inScope: (ns: string) => boolean,
  wanted: string[] | undefined,
  namespaceNames: string[] | undefined,
  warn: Warn,
): AsyncGenerator<ClusterBatch> {
  // Cluster-scoped findings (ClusterRoles…) belong to an audit of the whole cluster only.
  if (!wanted) yield { namespace: undefined, objects: [] };
  const seen = new Set<string>();
  if (wanted) {
    // Named namespaces: each is listed by itself (a user may read only these).
    for (const ns of wanted) {
      const objects: ApiObject[] = [];
      for (const kind of NAMESPACED_KINDS) objects.push(...((await drain(new ListCursor(client, kind, options.pageSize, ns), warn, ns)) ?? []));
      seen.add(ns);
      yield { namespace: ns, objects };
    }
    return;
  }
  const cursors: ListCursor[] = [];
  for (const kind of NAMESPACED_KINDS) {
    const cursor = new ListCursor(client, kind, options.pageSize);
    if ((await head(cursor, warn)) !== 'failed') cursors.push(cursor);
  }
  // Storage order compares `<namespace>/`, so `a-b` comes before `a`.
  const nsKey = (ns: string): string => `${ns}/`;
  const late = new Map<string, ApiObject[]>();
  for (;;) {
    let current: string | undefined;
    for (const c of cursors) {
      const o = await c.peek();
      if (o && (current === undefined || nsKey(namespaceOf(o)) < nsKey(current))) current = namespaceOf(o);
    }
    if (current === undefined) break;
    const objects: ApiObject[] = [];
    for (const c of cursors) {
      for (let o = await c.peek(); o && namespaceOf(o) === current; o = await c.peek()) objects.push((await c.next())!);
    }
    if (!inScope(current)) continue;
    if (seen.has(current)) {
      // Not in storage order after all: judged with what came late, at the end.
      late.set(current, [...(late.get(current) ?? []), ...objects]);
      continue;
    }
    seen.add(current);
    yield { namespace: current, objects };
  }
  for (const [ns, objects] of late) {
    warn(`namespace ${ns}: the API server listed some of its objects out of order; they are judged apart from the namespace's other objects (owner grouping and NetworkPolicies may be incomplete for them)`, 'cluster-order');
    yield { namespace: ns, objects };
  }
  // Namespaces without any listed object still have labels to judge.
  for (const ns of namespaceNames ?? []) if (!seen.has(ns) && inScope(ns)) yield { namespace: ns, objects: [] };
}

/** Starts a cursor; a refused list becomes a warning. */
async function head(cursor: ListCursor, warn: Warn, namespace?: string): Promise<'ok' | 'failed'> {
  try {
    await cursor.peek();
    return 'ok';
  } catch (error) {
    if (!(error instanceof ApiError) || !reportRefusal(error, cursor.kind, warn, namespace)) throw error;
    return 'failed';
  }
}

/** A whole (small) list; undefined when refused. */
async function drain(cursor: ListCursor, warn: Warn, namespace?: string): Promise<ApiObject[] | undefined> {
  if ((await head(cursor, warn, namespace)) === 'failed') return undefined;
  const out: ApiObject[] = [];
  for (let o = await cursor.next(); o; o = await cursor.next()) out.push(o);
  return out;
}

/** One cluster-scoped object by name; undefined (with a warning) when refused. */
async function getOne(client: ApiClient, kind: ClusterKind, name: string, warn: Warn): Promise<ApiObject | undefined> {
  try {
    const o = (await client.get(`${listPath(kind)}/${encodeURIComponent(name)}`)) as ApiObject;
    o['kind'] ??= kind.kind;
    o['apiVersion'] ??= apiVersionOf(kind);
    return o;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 403) warn(`no permission to get ${kind.kind} ${name}: missing verb "get" on ${kind.resource}; its labels are not judged`, 'cluster-forbidden');
    else if (error.status === 404) warn(`namespace ${name} does not exist`, 'cluster-not-found');
    else throw error;
    return undefined;
  }
}

/** A refusal the audit can go on without: 403 and 404 become warnings. */
function reportRefusal(error: ApiError, kind: ClusterKind, warn: Warn, namespace?: string): boolean {
  const what = `${kind.kind} (${kind.group ? `${kind.resource}.${kind.group}` : kind.resource})`;
  const where = namespace !== undefined ? ` in namespace ${namespace}` : kind.namespaced ? ' in all namespaces' : '';
  if (error.status === 403) {
    warn(`no permission to list ${what}${where}: missing verb "list" on ${kind.resource}; the audit went on without them (deploy/cluster-audit/cluster-reader.yaml grants what seaworthy reads)`, 'cluster-forbidden');
    return true;
  }
  if (error.status === 404) {
    warn(`the API server does not serve ${what}${where}; the audit went on without them`, 'cluster-not-served');
    return true;
  }
  return false;
}

function namespaceFilter(options: ReadOptions): (ns: string) => boolean {
  const include = options.include?.length ? picomatch([...options.include]) : undefined;
  const exclude = options.exclude?.length ? picomatch([...options.exclude]) : undefined;
  const named = options.namespaces ? new Set(options.namespaces) : undefined;
  return (ns) => (!named || named.has(ns)) && (!include || include(ns)) && !(exclude && exclude(ns));
}
