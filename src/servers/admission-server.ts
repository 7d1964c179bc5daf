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
import { readReview, REVIEW_API_VERSION, ReviewError, type AdmissionRequest, type AdmissionResponse } from '../admission/admission-review.js';
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
  /** The text `/metrics` serves (default: this process's registry; the cluster's aggregate under --workers). */
  metricsText?: () => Promise<string>;
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
  const count = countersFor(metrics);
  let ready = true;
  const credentials = await readCredentials(options.certFile, options.keyFile);
  const server = createServer({ ...credentials, minVersion: TLS_MIN }, (req, res) => {
    drain.track(res);
    try {
      route(req, res);
    } catch (error) {
      fail(req, res, error);
    }
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

  function fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    log.error('request.failed', { path: req.url, error: (error as Error)?.message ?? String(error) });
    if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
    else res.destroy();
  }

  // Synchronous where it can be: a review is read, judged and answered in the turn its
  // last body chunk arrives (no promise per step), unless namespace labels must be fetched.
  function route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (path === '/validate' || path === '/mutate') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST an AdmissionReview\n');
      const endpoint = path === '/validate' ? 'validate' : 'mutate';
      const started = performance.now();
      return receiveBody(req, maxBody, (error, body) => {
        try {
          review(endpoint, error, body, res, started);
        } catch (e) {
          fail(req, res, e);
        }
      });
    }
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
    if (req.method === 'GET' && path === '/readyz') return ready && !drain.draining ? send(res, 200, 'text/plain', 'ok\n') : send(res, 503, 'text/plain', drain.draining ? 'draining\n' : 'not ready\n');
    if (req.method === 'GET' && path === '/metrics') {
      void (options.metricsText ?? (() => metrics.registry.metrics()))().then(
        (text) => send(res, 200, metrics.registry.contentType, text),
        (error: unknown) => fail(req, res, error),
      );
      return;
    }
    return send(res, 404, 'text/plain', 'not found\n');
  }

  function review(endpoint: 'validate' | 'mutate', bodyError: Error | undefined, body: Buffer | undefined, res: ServerResponse, started: number): void {
    let request: AdmissionRequest;
    try {
      if (bodyError) throw bodyError;
      request = readReview(JSON.parse(body!.toString('utf8')));
    } catch (error) {
      count.request(endpoint, 'error');
      const status = error instanceof BodyTooLarge ? 413 : 400;
      const message = error instanceof ReviewError || error instanceof BodyTooLarge ? error.message : `not JSON: ${(error as Error).message}`;
      // The rest of a body too large is not read: the connection ends with the answer.
      if (status === 413) res.setHeader('Connection', 'close');
      count.latency(endpoint, started);
      return send(res, status, 'text/plain', `${message}\n`);
    }
    if (endpoint === 'mutate') {
      const answer = (response: AdmissionResponse): void => {
        count.request(endpoint, response.patch ? 'patched' : 'allowed');
        answerReview(res, response);
        count.latency(endpoint, started);
      };
      if (!options.mutate) return answer({ uid: request.uid, allowed: true });
      options.mutate(request).then(answer, (error: unknown) => fail(res.req, res, error));
      return;
    }
    const answer = (outcome: ReviewOutcome): void => {
      record(request, outcome);
      count.request(endpoint, outcome.response.allowed ? 'allowed' : 'denied');
      answerReview(res, outcome.response);
      count.latency(endpoint, started);
    };
    const outcome = reviewer.judgeRequest(request);
    if (outcome instanceof Promise) outcome.then(answer, (error: unknown) => fail(res.req, res, error));
    else answer(outcome);
  }

  function record(request: AdmissionRequest, outcome: ReviewOutcome): void {
    for (const j of outcome.judged) count.decision(j.finding.ruleId, j.mode);
    let audited: ReviewOutcome['judged'] | undefined;
    for (const j of outcome.judged) if (j.mode === 'audit') (audited ??= []).push(j);
    // A dry run must leave no trace beyond its answer: no audit record.
    if (!audited || request.dryRun) return;
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

/** The review envelope around a response, without building and serialising the envelope each time. */
const ENVELOPE_HEAD = `{"apiVersion":"${REVIEW_API_VERSION}","kind":"AdmissionReview","response":`;

function answerReview(res: ServerResponse, response: AdmissionResponse): void {
  // One UTF-8 encoding: its length is the Content-Length.
  const body = Buffer.from(`${ENVELOPE_HEAD}${JSON.stringify(response)}}`, 'utf8');
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
}

/**
 * The metrics a review updates, through label children made once: prom-client hashes a
 * labels object on every call, and a review updates several series.
 */
function countersFor(metrics: AdmissionMetrics): {
  request(endpoint: string, outcome: string): void;
  decision(rule: string, mode: string): void;
  latency(endpoint: string, started: number): void;
} {
  const requests = new Map<string, { inc(): void }>();
  const decisions = new Map<string, { inc(): void }>();
  const latencies = new Map<string, { observe(value: number): void }>();
  return {
    request(endpoint, outcome) {
      const key = `${endpoint} ${outcome}`;
      let child = requests.get(key);
      if (!child) requests.set(key, (child = metrics.requests.labels(endpoint, outcome)));
      child.inc();
    },
    decision(rule, mode) {
      // Bounded: rule ids come from the catalogue and modes from three words.
      const key = `${rule} ${mode}`;
      let child = decisions.get(key);
      if (!child) decisions.set(key, (child = metrics.decisions.labels(rule, mode)));
      child.inc();
    },
    latency(endpoint, started) {
      let child = latencies.get(endpoint);
      if (!child) latencies.set(endpoint, (child = metrics.latency.labels(endpoint)));
      child.observe((performance.now() - started) / 1000);
    },
  };
}

class BodyTooLarge extends Error {}

/** The request body, refused past `max` bytes (declared or streamed). */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => receiveBody(req, max, (error, body) => (error ? reject(error) : resolve(body!))));
}

/**
 * `readBody` with a callback, called once: events rather than an async iterator, which
 * cost a review several promises and an iterator object for what is usually one chunk.
 */
export function receiveBody(req: IncomingMessage, max: number, done: (error: Error | undefined, body?: Buffer) => void): void {
  const declared = Number(req.headers['content-length']);
  if (declared > max) return done(new BodyTooLarge(`body larger than ${max} bytes`));
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  let finished = false;
  const finish = (error: Error | undefined, body?: Buffer): void => {
    if (finished) return;
    finished = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    done(error, body);
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > max) {
      // Stop reading; the answer (413) ends the exchange.
      req.pause();
      return finish(new BodyTooLarge(`body larger than ${max} bytes`));
    }
    if (!first) first = chunk;
    else (chunks ??= [first]).push(chunk);
  };
  const onEnd = (): void => finish(undefined, chunks ? Buffer.concat(chunks, size) : first ?? Buffer.alloc(0));
  const onError = (error: Error): void => finish(error);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
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
