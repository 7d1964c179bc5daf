/**
 * Harbor's side of the conversation for tests: calls to the adapter as Harbor's
 * job service makes them, each response checked against the spec document.
 */
import http from 'node:http';
import https from 'node:https';
import { MEDIA } from '../../src/harbor/media-types.js';
import type { HarborSpec } from './harbor-spec.js';

export interface HarborCall {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
  json: () => any;
}

export interface CallOptions {
  accept?: string;
  contentType?: string;
  body?: string;
  token?: string;
  /** The spec path template to validate against; omit for calls outside the spec (401, 405). */
  spec?: '/metadata' | '/scan' | '/scan/{scan_request_id}/report';
  ca?: string;
}

export function harborClient(base: string, spec: HarborSpec, problems: string[]) {
  return async function call(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<HarborCall> {
    const url = new URL(`/api/v1${path}`, base);
    const headers: Record<string, string> = {};
    if (options.accept !== undefined) headers['Accept'] = options.accept;
    if (options.contentType !== undefined) headers['Content-Type'] = options.contentType;
    if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
    const res = await new Promise<HarborCall>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers, ...(options.ca && { ca: options.ca }) }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const h: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(r.headers)) h[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: r.statusCode ?? 0, headers: h, body, json: () => JSON.parse(body) });
        });
      });
      req.on('error', reject);
      req.end(options.body);
    });
    if (options.spec) problems.push(...spec.check({ method: method.toLowerCase() as 'get' | 'post', path: options.spec, status: res.status, headers: res.headers, body: res.body }));
    return res;
  };
}

/** A ScanRequest body as Harbor 2.x posts it. */
export function scanRequest(registryUrl: string, repository: string, digest: string, extra: { authorization?: string; tag?: string; capabilities?: object[] } = {}): string {
  return JSON.stringify({
    registry: { url: registryUrl, ...(extra.authorization !== undefined && { authorization: extra.authorization }) },
    artifact: { repository, digest, ...(extra.tag && { tag: extra.tag }), mime_type: 'application/vnd.oci.image.manifest.v1+json' },
    ...(extra.capabilities && { enabled_capabilities: extra.capabilities }),
  });
}

export const SCAN_REQUEST_TYPE = MEDIA.scanRequest11;

/** Polls a report as Harbor does: 302 → wait Refresh-After (capped for tests) → again, until not 302. */
export async function pollReport(call: ReturnType<typeof harborClient>, id: string, accept: string, query = '', maxMs = 600_000): Promise<{ final: HarborCall; redirects: number }> {
  const deadline = Date.now() + maxMs;
  let redirects = 0;
  for (;;) {
    const r = await call('GET', `/scan/${id}/report${query}`, { accept, spec: '/scan/{scan_request_id}/report' });
    if (r.status !== 302 || Date.now() > deadline) return { final: r, redirects };
    redirects++;
    await new Promise((res) => setTimeout(res, Math.min(Number(r.headers['refresh-after']) * 1000, 200)));
  }
}
