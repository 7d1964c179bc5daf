/**
 * The HTTP API Harbor calls (Pluggable Scanner API v1.2, under /api/v1):
 *   GET  /metadata                 the scanner and its capabilities
 *   POST /scan                     202 + an id; the scan runs as a job
 *   GET  /scan/{id}/report         302 + Refresh-After while the scan runs, then the report
 * plus /healthz, /readyz and /metrics. Plain HTTP unless a certificate is given
 * (Harbor calls in-cluster adapters over HTTP); with one, TLS 1.2 at least and the
 * pair reloaded when its files change. Every error is the spec's ErrorResponse in
 * its error media type. Logs carry job ids, never the registry authorization.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readBody, readCredentials } from '../servers/admission-server.js';
import { watchFiles, type FileWatch } from '../servers/file-watch.js';
import type { Logger } from '../servers/json-log.js';
import type { HarborMetrics } from './harbor-metrics.js';
import { renderReport, type ScannerInfo } from './harbor-reports.js';
import { CONSUMED, MEDIA, REPORTS, SBOM_FORMAT, SBOM_FORMATS, SBOM_REPORTS, VULNERABILITY_REPORTS, matchesMediaType, negotiate } from './media-types.js';
import { readScanRequest, registryTarget, RequestError } from './scan-request.js';
import { QueueFullError, type ScanJobs } from './scan-jobs.js';
import { gracefulDrain } from '../servers/graceful-drain.js';

export interface HarborServerOptions {
  host: string;
  port: number;
  certFile?: string;
  keyFile?: string;
  jobs: ScanJobs;
  dbDir: string;
  scanner: ScannerInfo;
  metrics: HarborMetrics;
  log: Logger;
  /** When set, every /api/v1 call needs `Authorization: Bearer <token>` (Harbor's scanner "Authorization" setting). */
  apiToken?: string;
  /** Seconds Harbor is told to wait before polling a report again. */
  refreshAfterSeconds?: number;
  certPollMs?: number;
  drainTimeoutMs?: number;
}

export interface RunningHarborServer {
  server: Server;
  port: number;
  stop(): Promise<void>;
  setReady(ready: boolean): void;
}

const TLS_MIN = 'TLSv1.2' as const;
const MAX_REQUEST_BYTES = 64 * 1024;

type Operation = 'metadata' | 'scan' | 'report' | 'other';

export async function startHarborServer(options: HarborServerOptions): Promise<RunningHarborServer> {
  const { metrics, log, jobs } = options;
  let ready = true;
  const tls = options.certFile && options.keyFile ? { certFile: options.certFile, keyFile: options.keyFile } : undefined;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    drain.track(res);
    void route(req, res).catch((error: unknown) => {
      log.error('request.failed', { path: (req.url ?? '').split('?')[0], error: (error as Error)?.message ?? String(error) });
      if (!res.headersSent) sendError(res, 'other', 500, 'internal error');
      else res.destroy();
    });
  };
  const server: Server = tls ? https.createServer({ ...(await readCredentials(tls.certFile, tls.keyFile)), minVersion: TLS_MIN }, handler) : http.createServer(handler);
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  const drain = gracefulDrain(server, options.drainTimeoutMs ?? 10_000);
  let stopped: Promise<void> | undefined;
  server.keepAliveTimeout = 65_000;
  let certWatch: FileWatch | undefined;
  if (tls) {
    certWatch = watchFiles(
      [tls.certFile, tls.keyFile],
      async () => {
        try {
          (server as https.Server).setSecureContext({ ...(await readCredentials(tls.certFile, tls.keyFile)), minVersion: TLS_MIN });
          log.info('tls.reloaded', { cert: tls.certFile });
        } catch (error) {
          log.error('tls.reload_rejected', { cert: tls.certFile, error: (error as Error).message });
        }
      },
      options.certPollMs ?? 1000,
    );
  }

  function send(res: ServerResponse, operation: Operation, status: number, type: string | undefined, body: string, headers: Record<string, string> = {}): void {
    metrics.responses.inc({ operation, status: String(status) });
    res.writeHead(status, { ...(type && { 'Content-Type': type }), 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  }

  function sendError(res: ServerResponse, operation: Operation, status: number, message: string): void {
    send(res, operation, status, MEDIA.error, JSON.stringify({ error: { message } }));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://adapter');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/healthz') return send(res, 'other', 200, 'text/plain', 'ok\n');
    if (req.method === 'GET' && path === '/readyz') {
      const db = existsSync(join(options.dbDir, 'current', 'meta.json'));
      const workers = jobs.workerFailure;
      if (ready && !drain.draining && db && !workers) return send(res, 'other', 200, 'text/plain', 'ok\n');
      const why = drain.draining ? 'draining' : !db ? `no advisory database in ${options.dbDir}` : workers ? `worker threads fail: ${workers}` : 'not ready';
      return send(res, 'other', 503, 'text/plain', `${why}\n`);
    }
    if (req.method === 'GET' && path === '/metrics') return send(res, 'other', 200, metrics.registry.contentType, await metrics.registry.metrics());
    if (!path.startsWith('/api/v1/')) return sendError(res, 'other', 404, 'not found');
    if (options.apiToken !== undefined && !authorized(req.headers.authorization, options.apiToken)) {
      return send(res, 'other', 401, MEDIA.error, JSON.stringify({ error: { message: 'this adapter needs Authorization: Bearer <token> (set it in Harbor\'s scanner registration)' } }), { 'WWW-Authenticate': 'Bearer realm="seaworthy"' });
    }
    if (path === '/api/v1/metadata') return req.method === 'GET' ? metadata(req, res) : sendError(res, 'metadata', 405, 'use GET');
    if (path === '/api/v1/scan') return req.method === 'POST' ? scan(req, res) : sendError(res, 'scan', 405, 'use POST');
    const m = /^\/api\/v1\/scan\/([^/]+)\/report$/.exec(path);
    if (m) return req.method === 'GET' ? report(m[1]!, url, req, res) : sendError(res, 'report', 405, 'use GET');
    return sendError(res, 'other', 404, 'not found');
  }

  function metadata(req: IncomingMessage, res: ServerResponse): void {
    // Both versions carry the same schema; 1.0 predates capability types and SBOMs, so a
    // Harbor asking for 1.0 sees the vulnerability capability alone (it would read every
    // capability as a vulnerability one).
    const type = negotiate(req.headers.accept, [MEDIA.metadata11, MEDIA.metadata10]) ?? MEDIA.metadata11;
    const vulnerability = { type: 'vulnerability', consumes_mime_types: [...CONSUMED], produces_mime_types: [...VULNERABILITY_REPORTS] };
    const sbom = { type: 'sbom', consumes_mime_types: [...CONSUMED], produces_mime_types: [...SBOM_REPORTS], additional_attributes: { sbom_media_types: [SBOM_FORMAT] } };
    const properties: Record<string, string> = { 'harbor.scanner-adapter/scanner-type': 'os-package-vulnerability', 'org.seaworthy/scanners': 'vuln,misconfig,secret' };
    const meta = databaseMeta(options.dbDir);
    if (meta) {
      properties['harbor.scanner-adapter/vulnerability-database-updated-at'] = meta.built;
      properties['org.seaworthy/advisory-records'] = String(meta.records);
    }
    const body = { scanner: options.scanner, capabilities: type === MEDIA.metadata10 ? [{ consumes_mime_types: vulnerability.consumes_mime_types, produces_mime_types: vulnerability.produces_mime_types }] : [vulnerability, sbom], properties };
    send(res, 'metadata', 200, type, JSON.stringify(body));
  }

  async function scan(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!matchesMediaType(req.headers['content-type'], [MEDIA.scanRequest11, MEDIA.scanRequest10])) {
      return sendError(res, 'scan', 400, `Content-Type must be ${MEDIA.scanRequest11} or ${MEDIA.scanRequest10}`);
    }
    let body: string;
    try {
      body = (await readBody(req, MAX_REQUEST_BYTES)).toString('utf8');
    } catch (error) {
      return sendError(res, 'scan', 400, (error as Error).message);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendError(res, 'scan', 400, 'the body is not JSON');
    }
    try {
      const request = readScanRequest(parsed);
      const { id } = jobs.submit(request, registryTarget(request.registry.url));
      return send(res, 'scan', 202, MEDIA.scanResponse, JSON.stringify({ id }));
    } catch (error) {
      if (error instanceof RequestError) return sendError(res, 'scan', error.status, error.message);
      if (error instanceof QueueFullError) return sendError(res, 'scan', 500, error.message);
      throw error;
    }
  }

  function report(id: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
    const type = negotiate(req.headers.accept, REPORTS);
    if (!type) return sendError(res, 'report', 501, `no report in ${JSON.stringify(req.headers.accept)}; seaworthy writes ${REPORTS.join(', ')}`);
    if (type === MEDIA.sbomReport) {
      const format = url.searchParams.get('sbom_media_type');
      if (!format || !(SBOM_FORMATS as readonly string[]).includes(format)) return sendError(res, 'report', 400, `an SBOM report needs ?sbom_media_type=${SBOM_FORMATS.join(' or ')}`);
      if (format !== SBOM_FORMAT) return sendError(res, 'report', 501, `SBOMs are written as ${SBOM_FORMAT} only`);
    }
    const view = jobs.get(id);
    if (!view) return sendError(res, 'report', 404, `no scan request ${JSON.stringify(id.slice(0, 80))} (unknown, or older than the adapter keeps them)`);
    if (view.scan.state === 'queued' || view.scan.state === 'running') {
      return send(res, 'report', 302, undefined, '', { 'Refresh-After': String(options.refreshAfterSeconds ?? 5) });
    }
    if (view.scan.state === 'failed' || !view.outcome) return sendError(res, 'report', 500, view.scan.error ?? 'the scan failed');
    send(res, 'report', 200, type, renderReport(type, view.job, view.outcome, options.scanner));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info('server.listening', { host: options.host, port, tls: tls ? TLS_MIN : 'off' });
  return {
    server,
    port,
    setReady: (r) => (ready = r),
    stop: () =>
      (stopped ??= (async () => {
        certWatch?.stop();
        const counts = await drain.stop();
        log.info('server.stopped', { requests: counts.requests, unanswered: counts.unanswered });
      })()),
  };
}

/** Compared as digests in constant time: the token's length and prefix leak nothing. */
function authorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const a = createHash('sha256').update(m[1]!).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

function databaseMeta(dir: string): { built: string; records: number } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'current', 'meta.json'), 'utf8')) as { built: string; records: number };
  } catch {
    return undefined;
  }
}
