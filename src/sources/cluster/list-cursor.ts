/**
 * One paged `list` of a kind: `limit` objects per request, the next page by the
 * `continue` token, only one page held at a time. The API server lists in storage-key
 * order (`<namespace>/<name>`), which lets read-cluster.ts walk several kinds
 * namespace by namespace, and lets a list whose `continue` token expired (410 Gone,
 * after etcd compaction) restart from the top and skip what it already gave.
 */
import { ApiError, type ApiClient } from './api-client.js';
import { apiVersionOf, listPath, type ClusterKind } from './cluster-kinds.js';

type ListAnswer = { items?: ApiObject[]; metadata?: { continue?: string } };
type Answer = { list: ListAnswer } | { error: unknown };

export type ApiObject = Record<string, unknown> & { metadata?: { name?: string; namespace?: string } };

export interface CursorEvents {
  /** The list restarted after 410 Gone. */
  onRestart?: (kind: ClusterKind) => void;
}

export class ListCursor {
  private page: ApiObject[] = [];
  private at = 0;
  private token: string | undefined;
  private started = false;
  private done = false;
  /** Key of the last object handed out: a restart skips up to it. */
  private lastKey: string | undefined;
  private skipUpTo: string | undefined;
  restarts = 0;

  constructor(
    private readonly client: ApiClient,
    readonly kind: ClusterKind,
    private readonly pageSize: number,
    private readonly namespace?: string,
    private readonly events: CursorEvents = {},
  ) {}

  /** The next object without taking it; undefined at the end. Throws ApiError (403, 404…). */
  async peek(): Promise<ApiObject | undefined> {
    while (this.at >= this.page.length) {
      if (this.done) return undefined;
      await this.fetch();
    }
    return this.page[this.at];
  }

  async next(): Promise<ApiObject | undefined> {
    const o = await this.peek();
    if (o) {
      this.at++;
      this.lastKey = keyOf(o);
    }
    return o;
  }

  /** The next page, asked for while the current one is judged (the API server works meanwhile). */
  private pending: Promise<Answer> | undefined;

  private request(token: string | undefined): Promise<Answer> {
    const query = new URLSearchParams({ limit: String(this.pageSize) });
    if (token) query.set('continue', token);
    return this.client.get(`${listPath(this.kind, this.namespace)}?${query}`).then(
      (list) => ({ list: list as ListAnswer }),
      (error: unknown) => ({ error }),
    );
  }

  private async fetch(): Promise<void> {
    if (this.started && this.token === undefined) {
      this.done = true;
      return;
    }
    const answer = await (this.pending ?? this.request(this.token));
    this.pending = undefined;
    if ('error' in answer) {
      const error = answer.error;
      if (error instanceof ApiError && error.status === 410 && this.token) {
        // The snapshot the token pointed into is compacted away: list again from the top.
        this.restarts++;
        this.client.stats.restarts++;
        this.events.onRestart?.(this.kind);
        this.token = undefined;
        this.started = false;
        this.skipUpTo = this.lastKey;
        this.page = [];
        this.at = 0;
        return;
      }
      throw error;
    }
    const list = answer.list;
    this.started = true;
    this.token = list.metadata?.continue || undefined;
    let items = Array.isArray(list.items) ? list.items : [];
    if (this.skipUpTo !== undefined) {
      const skip = this.skipUpTo;
      const before = items.length;
      items = items.filter((o) => keyOf(o) > skip);
      if (items.length === before || items.length > 0) this.skipUpTo = undefined;
    }
    // Items of a typed list carry no kind or apiVersion: the list names them.
    for (const o of items) {
      if (typeof o['kind'] !== 'string') o['kind'] = this.kind.kind;
      if (typeof o['apiVersion'] !== 'string') o['apiVersion'] = apiVersionOf(this.kind);
    }
    this.page = items;
    this.at = 0;
    if (this.token) this.pending = this.request(this.token);
    if (!this.token && items.length === 0) this.done = true;
  }
}

/** The storage-key order the API server lists in. */
export function keyOf(o: ApiObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** The namespace an object of a namespaced list belongs to. */
export function namespaceOf(o: ApiObject): string {
  return o.metadata?.namespace ?? '';
}
