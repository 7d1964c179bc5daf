/**
 * The HTTPS server of `seaworthy serve`: `/validate` and `/mutate` answer
 * AdmissionReviews through the Reviewer (no policy here, only adaptation), `/healthz`,
 * `/readyz` and `/metrics` serve the platform. TLS 1.2 at least; the certificate is
 * reloaded in place when its files change; `stop()` drains in-flight reviews.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { gracefulDrain } from './graceful-drain.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readReview, reviewResponse, ReviewError, type AdmissionRequest, type AdmissionResponse } from '../admission/admission-review.js';
import type { Reviewer, ReviewOutcome } from '../admission/reviewer.js';
import { describeSubject } from '../admission/decide.js';
import type { AdmissionMetrics } from './metrics.js';
import type { Logger } from './json-log.js';
import { watchFiles, type FileWatch } from './file-watch.js';

export type Mutate = (request: AdmissionRequest) => Promise<AdmissionResponse>;

export interface AdmissionServerOptions {
  host: string;
  port: number;
  certFile: string;
  keyFile: string;
  reviewer: Reviewer;
  mutate?: Mutate;
  metrics: AdmissionMetrics;
  log: Logger;
  /** Largest review body accepted; etcd keeps objects under 1.5 MiB and an UPDATE carries two. */
  maxBodyBytes?: number;
  /** How often the certificate files are checked for change (ms). */
  certPollMs?: number;
  /** Longest a drain waits for in-flight reviews before closing connections (ms). */
  drainTimeoutMs?: number;
}

export interface RunningAdmissionServer {
  server: Server;
  port: number;
  /** Stops accepting, answers every review already accepted, then closes. */
  stop(): Promise<void>;
  /** Marks the server not ready (/readyz 503) without stopping it. */
  setReady(ready: boolean): void;
}

const TLS_MIN = 'TLSv1.2' as const;
/** Closes only the listener (see stop()). */
const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

/**
 * Starts the server and resolves once it listens.
 *
 * @example
 * const running = await startAdmissionServer({ host: '0.0.0.0', port: 8443, certFile, keyFile, reviewer, metrics, log });
 * process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
 */
export async function startAdmissionServer(options: AdmissionServerOptions): Promise<RunningAdmissionServer> {
  const { metrics, log, reviewer } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let ready = true;
  const credentials = await readCredentials(options.certFile, options.keyFile);
  const server = createServer({ ...credentials, minVersion: TLS_MIN }, (req, res) => {
    drain.track(res);
    void route(req, res).catch((error: unknown) => {
      log.error('request.failed', { path: req.url, error: (error as Error)?.message ?? String(error) });
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
      else res.destroy();
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  const drain = gracefulDrain(server, options.drainTimeoutMs ?? 25_000);
  let stopped: Promise<void> | undefined;

  const certWatch: FileWatch = watchFiles(
    [options.certFile, options.keyFile],
    async () => {
      try {
        const next = await readCredentials(options.certFile, options.keyFile);
        server.setSecureContext({ ...next, minVersion: TLS_MIN });
        metrics.certReloads.inc({ result: 'ok' });
        log.info('tls.reloaded', { cert: options.certFile });
      } catch (error) {
        // A half-written pair (cert renewed, key not yet) fails here; the old one keeps serving.
        metrics.certReloads.inc({ result: 'rejected' });
        log.error('tls.reload_rejected', { cert: options.certFile, error: (error as Error).message });
      }
    },
    options.certPollMs ?? 1000,
  );

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
    if (req.method === 'GET' && path === '/readyz') return ready && !drain.draining ? send(res, 200, 'text/plain', 'ok\n') : send(res, 503, 'text/plain', drain.draining ? 'draining\n' : 'not ready\n');
    if (req.method === 'GET' && path === '/metrics') return send(res, 200, metrics.registry.contentType, await metrics.registry.metrics());
    if (path === '/validate' || path === '/mutate') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST an AdmissionReview\n');
      return review(path.slice(1) as 'validate' | 'mutate', req, res);
    }
    return send(res, 404, 'text/plain', 'not found\n');
  }

  async function review(endpoint: 'validate' | 'mutate', req: IncomingMessage, res: ServerResponse): Promise<void> {
    const end = metrics.latency.startTimer({ endpoint });
    let request: AdmissionRequest;
    try {
      const body = await readBody(req, maxBody);
      request = readReview(JSON.parse(body.toString('utf8')));
    } catch (error) {
      metrics.requests.inc({ endpoint, outcome: 'error' });
      const status = error instanceof BodyTooLarge ? 413 : 400;
      const message = error instanceof ReviewError || error instanceof BodyTooLarge ? error.message : `not JSON: ${(error as Error).message}`;
      end();
      return send(res, status, 'text/plain', `${message}\n`);
    }
    let response: AdmissionResponse;
    if (endpoint === 'mutate') {
      response = options.mutate ? await options.mutate(request) : { uid: request.uid, allowed: true };
      metrics.requests.inc({ endpoint, outcome: response.patch ? 'patched' : 'allowed' });
    } else {
      const outcome = await reviewer.validate(request);
      response = outcome.response;
      record(request, outcome);
      metrics.requests.inc({ endpoint, outcome: response.allowed ? 'allowed' : 'denied' });
    }
    send(res, 200, 'application/json', JSON.stringify(reviewResponse(response)));
    end();
  }

  function record(request: AdmissionRequest, outcome: ReviewOutcome): void {
    for (const j of outcome.judged) metrics.decisions.inc({ rule: j.finding.ruleId, mode: j.mode });
    const audited = outcome.judged.filter((j) => j.mode === 'audit');
    // A dry run must leave no trace beyond its answer: no audit record.
    if (!audited.length || request.dryRun) return;
    log.info('admission.audit', {
      uid: request.uid,
      operation: request.operation,
      object: outcome.subject ? describeSubject(outcome.subject) : undefined,
      user: request.userInfo?.username,
      findings: audited.map((j) => ({ ruleId: j.finding.ruleId, severity: j.finding.severity, field: j.field, message: j.finding.message })),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info('server.listening', { host: options.host, port, tlsMinVersion: TLS_MIN });

  return {
    server,
    port,
    setReady: (r) => (ready = r),
    stop: () =>
      (stopped ??= (async () => {
        certWatch.stop();
        const counts = await drain.stop(({ inFlight }) => log.info('server.draining', { inFlight }));
        log.info('server.stopped', { requests: counts.requests, unanswered: counts.unanswered });
      })()),
  };
}

class BodyTooLarge extends Error {}

/** The request body, refused past `max` bytes (declared or streamed). */
export async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > max) throw new BodyTooLarge(`body larger than ${max} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyTooLarge(`body larger than ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Reads a serving certificate and key, failing on a mismatched or malformed pair. */
export async function readCredentials(certFile: string, keyFile: string): Promise<{ cert: Buffer; key: Buffer }> {
  const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
  // Fails on a mismatched or malformed pair before it replaces a working one.
  const { createSecureContext } = await import('node:tls');
  createSecureContext({ cert, key });
  return { cert, key };
}
