/**
 * GET requests to the API server, as JSON, under the client-side rate limit, with
 * 429 (and 503) answers retried after the server's Retry-After. Plain node:https rather
 * than client-node's generated API: that one turns every object into model classes
 * (Dates for timestamps, unknown fields dropped), and a cluster audit must judge the
 * object exactly as stored, as `scan` judges the manifest; and the classes cost time
 * and memory per object (measured in bench/cluster.ts).
 */
import { request } from 'node:https';
import type { KubeConnection } from './kube-connection.js';
import { RateLimiter } from './rate-limiter.js';

export interface ClientOptions {
  /** Requests per second after the burst (0: no limit). Default 50. */
  qps?: number;
  /** Requests that may go at once. Default 100. */
  burst?: number;
  /** How often a throttled request is tried again. Default 10, as client-go. */
  maxRetries?: number;
  /** Per-request deadline. Default 60 s. */
  timeoutMs?: number;
  /** Longest wait a Retry-After may ask for. Default 60 s. */
  maxRetryAfterMs?: number;
}

export interface ApiStats {
  /** Requests sent (retries included). */
  calls: number;
  /** Answers 429 or 503 that were waited out. */
  throttled: number;
  /** Bytes of response bodies. */
  bytes: number;
  /** Lists restarted because their continue token expired (410 Gone). */
  restarts: number;
}

/** An answer other than 200: status, the Status object's reason and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    /** The Status' `metadata.continue` on 410: where an inconsistent list may go on. */
    readonly continueToken?: string,
  ) {
    super(message);
  }
}

export class ApiClient {
  readonly stats: ApiStats = { calls: 0, throttled: 0, bytes: 0, restarts: 0 };
  private readonly limiter: RateLimiter;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly maxRetryAfterMs: number;

  constructor(
    private readonly connection: KubeConnection,
    options: ClientOptions = {},
  ) {
    this.limiter = new RateLimiter(options.qps ?? 50, options.burst ?? 100);
    this.maxRetries = options.maxRetries ?? 10;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  }

  /**
   * GETs a path (`/api/v1/namespaces/x/pods?limit=500`) and parses the JSON answer.
   *
   * @example
   * const list = await client.get('/apis/apps/v1/deployments?limit=500') as { items: unknown[] };
   */
  async get(path: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      await this.limiter.take();
      const answer = await this.once(path);
      if ((answer.status === 429 || (answer.status === 503 && answer.retryAfterMs !== undefined)) && attempt < this.maxRetries) {
        this.stats.throttled++;
        await new Promise((r) => setTimeout(r, Math.min(answer.retryAfterMs ?? 1000, this.maxRetryAfterMs)));
        continue;
      }
      if (answer.status !== 200) throw apiError(answer.status, answer.body, path);
      try {
        return JSON.parse(answer.body);
      } catch {
        throw new ApiError(answer.status, 'BadResponse', `GET ${path}: the answer is not JSON`);
      }
    }
  }

  private async once(path: string): Promise<{ status: number; body: string; retryAfterMs?: number }> {
    const opts = await this.connection.requestOptions();
    const url = new URL(this.connection.server + path);
    this.stats.calls++;
    return new Promise((resolve, reject) => {
      const req = request(url, { ...opts, method: 'GET', headers: { ...opts.headers, Accept: 'application/json', 'User-Agent': 'seaworthy-cluster' }, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          this.stats.bytes += body.length;
          const retryAfter = retryAfterMs(res.headers['retry-after']);
          resolve({ status: res.statusCode ?? 0, body: body.toString('utf8'), ...(retryAfter !== undefined && { retryAfterMs: retryAfter }) });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer within ${this.timeoutMs / 1000} s`)));
      req.on('error', (e) => reject(new ApiError(0, 'Unreachable', `GET ${url.origin}${path}: ${e.message}`)));
      req.end();
    });
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function apiError(status: number, body: string, path: string): ApiError {
  let reason = `HTTP ${status}`;
  let message = body.trim().slice(0, 300);
  let cont: string | undefined;
  try {
    const s = JSON.parse(body) as { reason?: string; message?: string; metadata?: { continue?: string } };
    if (s.reason) reason = s.reason;
    if (s.message) message = s.message;
    if (s.metadata?.continue) cont = s.metadata.continue;
  } catch {
    /* not a Status object */
  }
  return new ApiError(status, reason, `GET ${path}: ${status} ${reason}: ${message}`, cont);
}
