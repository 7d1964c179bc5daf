/**
 * One HTTP(S) exchange with a registry through node:http/https, so that TLS
 * settings (private CA from --cert-dir, --tls-verify=false) apply per request —
 * Node 20's global fetch offers no public way to pass them. Responses stream;
 * time limits cover connecting, the headers and any pause in the body, and a
 * deadline covers the whole exchange: a server that sends a byte every few
 * seconds never pauses long, but cannot hold a request past its deadline.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { rootCertificates } from 'node:tls';

export interface TlsSettings {
  verify: boolean;
  /** PEM CA certificates to trust in addition to the system's. */
  ca?: string[];
  cert?: string;
  key?: string;
}

export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  tls: TlsSettings;
  /** Milliseconds to connect and receive headers, and the longest pause in a body. */
  timeoutMs: number;
  /** Milliseconds for the whole exchange, body included, however steady the trickle. */
  deadlineMs?: number;
}

export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** Sends the request; resolves with the response once its headers arrive. */
export function sendRequest(req: HttpRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = req.url.protocol === 'https:';
    const options: https.RequestOptions = { method: req.method ?? 'GET', headers: req.headers ?? {} };
    if (secure) {
      options.rejectUnauthorized = req.tls.verify;
      // `ca` replaces the bundled roots, so they are passed along with the private CA.
      if (req.tls.ca?.length) options.ca = [...req.tls.ca, ...rootCertificates];
      if (req.tls.cert && req.tls.key) {
        options.cert = req.tls.cert;
        options.key = req.tls.key;
      }
    }
    let deadline: NodeJS.Timeout | undefined;
    const r = (secure ? https : http).request(req.url, options, (res) => {
      clearTimeout(timer);
      res.setTimeout(req.timeoutMs, () => res.destroy(new NetworkError(`no data from ${req.url.host} for ${req.timeoutMs} ms`, 'ETIMEDOUT')));
      if (deadline) {
        clearTimeout(deadline);
        deadline = setTimeout(() => res.destroy(new NetworkError(`${req.url.host} did not finish within the ${req.deadlineMs} ms deadline`, 'ETIMEDOUT')), remaining());
        deadline.unref();
        res.once('close', () => clearTimeout(deadline));
      }
      resolve(res);
    });
    const started = Date.now();
    const remaining = (): number => Math.max(0, (req.deadlineMs ?? 0) - (Date.now() - started));
    if (req.deadlineMs !== undefined) {
      deadline = setTimeout(() => r.destroy(new NetworkError(`${req.url.host} did not finish within the ${req.deadlineMs} ms deadline`, 'ETIMEDOUT')), req.deadlineMs);
      deadline.unref();
    }
    const timer = setTimeout(() => r.destroy(new NetworkError(`${req.url.host} did not answer within ${req.timeoutMs} ms`, 'ETIMEDOUT')), req.timeoutMs);
    r.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      clearTimeout(deadline);
      reject(e instanceof NetworkError ? e : new NetworkError(describeNetworkError(e, req.url), e.code));
    });
    r.end();
  });
}

function describeNetworkError(e: NodeJS.ErrnoException, url: URL): string {
  const code = e.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return `TLS verification of ${url.host} failed (${code}): give its CA with --cert-dir, or --tls-verify=false for a test registry`;
  }
  if (code === 'ECONNREFUSED') return `connection to ${url.host} refused`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve ${url.hostname}`;
  return `${url.host}: ${e.message}`;
}

/** Reads a (small) response body whole, up to `maxBytes`. */
export async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (declared > maxBytes) {
    res.destroy();
    throw new Error(`response of ${declared} bytes is larger than the ${maxBytes} allowed`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      res.destroy();
      throw new Error(`response is larger than the ${maxBytes} allowed`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
