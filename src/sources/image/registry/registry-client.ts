/**
 * A pull-only client for the OCI distribution API: manifests and blobs, with the
 * WWW-Authenticate challenge flow (anonymous or with credentials for a bearer
 * token, or basic auth), redirects to blob storage, timeouts and retries with
 * backoff for network errors, 429 and 5xx.
 *
 * Credentials go only where they were configured: to the registry's own host, and
 * to a token service there (or a known pair, Docker Hub's auth.docker.io). A
 * Bearer realm elsewhere gets no password — the token is asked for anonymously, or
 * refused (`foreignRealm`); a plain-http realm for an https registry is refused;
 * a redirect (to blob storage, usually another host) never carries Authorization.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { digestOf, verifyDigest } from '../digest-check.js';
import type { Credentials } from './auth-file.js';
import { NetworkError, readBody, sendRequest, type TlsSettings } from './http-request.js';
import { describeStatus, RegistryError, serverMessage } from './registry-error.js';
import { MEDIA } from '../oci-types.js';

export interface RegistryClientOptions {
  registry: string;
  repository: string;
  credentials?: Credentials;
  tls: TlsSettings;
  timeoutMs?: number;
  /** Retries after the first attempt, for network errors, 429 and 5xx. */
  retries?: number;
  /** First backoff delay in ms; doubles each retry. */
  backoffMs?: number;
  /** Deadline in ms for a whole manifest, config or token exchange (default 2 min). */
  deadlineMs?: number;
  /** Deadline in ms for streaming one layer blob (default 30 min). */
  blobDeadlineMs?: number;
  /**
   * A Bearer challenge whose realm is on another host: ask it for a token without
   * credentials (`anonymous`, the default), or stop (`refuse`).
   */
  foreignRealm?: 'anonymous' | 'refuse';
  /** A ready Authorization value (a bearer token handed over), sent to the registry host only. */
  authorization?: string;
  /** The registry speaks plain HTTP (an in-cluster service URL given as `http://`). */
  plainHttp?: boolean;
}

export const DEFAULT_DEADLINE_MS = 120_000;
export const DEFAULT_BLOB_DEADLINE_MS = 30 * 60_000;

/** Token services known to belong to a registry host on another name. */
const TOKEN_HOSTS: Record<string, string[]> = { 'registry-1.docker.io': ['auth.docker.io'] };

const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(', ');

export class RegistryClient {
  private authorization: string | undefined;
  private base: URL;
  private triedPlainHttp = false;

  constructor(private readonly options: RegistryClientOptions) {
    const host = options.registry === 'docker.io' ? 'registry-1.docker.io' : options.registry;
    this.base = new URL(`${options.plainHttp ? 'http' : 'https'}://${host}/v2/`);
    this.authorization = options.authorization;
  }

  /** Fetches a manifest or index by tag or digest; a digest reference is verified. */
  async getManifest(reference: string, maxBytes: number): Promise<{ data: Buffer; mediaType: string; digest: string }> {
    const what = `manifest ${reference}`;
    const res = await this.get(`manifests/${reference}`, { Accept: MANIFEST_ACCEPT }, what, this.deadline());
    const data = await readBody(res, maxBytes);
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (reference.includes(':')) {
      verifyDigest(data, reference, `${what} from ${this.options.registry}/${this.options.repository}`);
      return { data, mediaType, digest: reference };
    }
    return { data, mediaType, digest: digestOf(data) };
  }

  /**
   * The OCI 1.1 referrers index of `digest` (`GET /v2/<name>/referrers/<digest>`), optionally
   * filtered by artifactType. A registry without the API answers 404: a RegistryError with
   * status 404 tells the caller to use the tag-schema fallback (used by src/signatures).
   */
  async getReferrers(digest: string, maxBytes: number, artifactType?: string): Promise<{ data: Buffer; mediaType: string; filtered: boolean }> {
    const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
    const res = await this.get(`referrers/${digest}${query}`, { Accept: MEDIA.ociIndex }, `referrers of ${digest}`, this.deadline());
    const data = await readBody(res, maxBytes);
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
    return { data, mediaType, filtered: String(res.headers['oci-filters-applied'] ?? '').split(',').map((s) => s.trim()).includes('artifactType') };
  }

  /** A small blob (config) read whole and verified. */
  async getBlob(digest: string, maxBytes: number): Promise<Buffer> {
    const data = await readBody(await this.get(`blobs/${digest}`, {}, `blob ${digest}`, this.deadline()), maxBytes);
    verifyDigest(data, digest, `blob ${digest} from ${this.options.registry}/${this.options.repository}`);
    return data;
  }

  /** A blob as a stream; the caller verifies it while reading (see analyzeLayer). */
  async openBlob(digest: string): Promise<Readable> {
    return this.get(`blobs/${digest}`, {}, `blob ${digest}`, this.options.blobDeadlineMs ?? DEFAULT_BLOB_DEADLINE_MS);
  }

  private deadline(): number {
    return this.options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  }

  private async get(path: string, headers: Record<string, string>, what: string, deadlineMs: number): Promise<IncomingMessage> {
    let url = new URL(`${this.options.repository}/${path}`, this.base);
    let authRetried = false;
    for (let redirects = 0; redirects < 6; ) {
      const sameHost = url.host === this.base.host;
      const h: Record<string, string> = { 'User-Agent': 'seaworthy', ...headers };
      // A redirect's target was named by the server, not configured: no credentials.
      if (this.authorization && sameHost && redirects === 0) h['Authorization'] = this.authorization;
      const res = await this.withRetries(() => this.send(url, h, deadlineMs), what);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return res;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        url = new URL(res.headers.location, url);
        redirects++;
        continue;
      }
      if (status === 401 && !authRetried && sameHost && redirects === 0) {
        const challenge = String(res.headers['www-authenticate'] ?? '');
        res.resume();
        authRetried = true;
        await this.authenticate(challenge, what);
        continue;
      }
      const body = await readBody(res, 64 * 1024).catch(() => Buffer.alloc(0));
      throw this.error(status, describeStatus(status, what, !!this.options.credentials, serverMessage(body)));
    }
    throw this.error(undefined, `too many redirects for ${what}`);
  }

  /** Answers a WWW-Authenticate challenge: fetch a bearer token, or use basic auth. */
  private async authenticate(challenge: string, what: string): Promise<void> {
    const scheme = challenge.split(' ')[0]!.toLowerCase();
    const creds = this.options.credentials;
    const basic = creds ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` : undefined;
    if (scheme === 'basic') {
      if (!basic) throw this.error(401, describeStatus(401, what, false, ''));
      this.authorization = basic;
      return;
    }
    if (scheme !== 'bearer') throw this.error(401, `unsupported authentication challenge ${JSON.stringify(challenge.slice(0, 40))} for ${what}`);
    const params = parseChallenge(challenge);
    if (!params['realm']) throw this.error(401, `bearer challenge without a realm for ${what}`);
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(params['realm']);
    } catch {
      throw this.error(401, `bearer challenge with an invalid realm for ${what}`);
    }
    if (tokenUrl.protocol !== 'https:' && (tokenUrl.protocol !== 'http:' || this.base.protocol === 'https:')) {
      throw this.error(401, `token realm ${tokenUrl.protocol}//${tokenUrl.host} is not https for an https registry; refused (credentials and tokens would travel in clear)`);
    }
    const ownRealm = tokenUrl.host === this.base.host || (TOKEN_HOSTS[this.base.host] ?? []).includes(tokenUrl.host);
    if (!ownRealm && basic && this.options.foreignRealm === 'refuse') {
      throw this.error(401, `token realm ${tokenUrl.host} is not on ${this.base.host}; refused to send it credentials`);
    }
    if (params['service']) tokenUrl.searchParams.set('service', params['service']);
    tokenUrl.searchParams.set('scope', params['scope'] ?? `repository:${this.options.repository}:pull`);
    const headers: Record<string, string> = { 'User-Agent': 'seaworthy' };
    if (basic && ownRealm) headers['Authorization'] = basic;
    const res = await this.withRetries(() => this.send(tokenUrl, headers, this.deadline()), 'token');
    const body = await readBody(res, 1 << 20);
    if (res.statusCode !== 200) {
      throw this.error(res.statusCode, `token service ${tokenUrl.host} answered ${describeStatus(res.statusCode ?? 0, 'a pull token', !!creds, serverMessage(body))}`);
    }
    let token: string | undefined;
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { token?: string; access_token?: string };
      token = parsed.token ?? parsed.access_token;
    } catch {
      // reported below
    }
    if (!token) throw this.error(401, `token service ${tokenUrl.host} gave no token`);
    this.authorization = `Bearer ${token}`;
  }

  private async send(target: URL, headers: Record<string, string>, deadlineMs: number): Promise<IncomingMessage> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    // Once the registry turned out to speak plain HTTP, every URL on it does.
    const url = target.host === this.base.host && target.protocol !== this.base.protocol ? new URL(this.base.protocol + target.href.slice(target.protocol.length)) : target;
    try {
      return await sendRequest({ url, headers, tls: this.options.tls, timeoutMs, deadlineMs });
    } catch (e) {
      // With --tls-verify=false a registry may speak plain HTTP, as skopeo allows.
      const code = (e as NetworkError).code ?? '';
      if (!this.options.tls.verify && url.protocol === 'https:' && url.host === this.base.host && /EPROTO|ECONNRESET|ERR_SSL/.test(code) && !this.triedPlainHttp) {
        this.triedPlainHttp = true;
        this.base = new URL(this.base.href.replace(/^https:/, 'http:'));
        return sendRequest({ url: new URL(url.href.replace(/^https:/, 'http:')), headers, tls: this.options.tls, timeoutMs, deadlineMs });
      }
      throw e;
    }
  }

  private async withRetries(attempt: () => Promise<IncomingMessage>, what: string): Promise<IncomingMessage> {
    const retries = this.options.retries ?? 3;
    let delay = this.options.backoffMs ?? 500;
    for (let n = 0; ; n++) {
      let res: IncomingMessage | undefined;
      let failure: unknown;
      try {
        res = await attempt();
      } catch (e) {
        failure = e;
      }
      const status = res?.statusCode ?? 0;
      const retryable = failure ? failure instanceof NetworkError && !/TLS|CERT/.test(failure.message) : status === 429 || status >= 500;
      if (!retryable || n >= retries) {
        if (failure) throw this.error(undefined, `${what}: ${(failure as Error).message}`);
        return res!;
      }
      const after = Number(res?.headers['retry-after']);
      res?.resume();
      await new Promise((r) => setTimeout(r, Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 10_000) : delay));
      delay *= 2;
    }
  }

  private error(status: number | undefined, detail: string): RegistryError {
    return new RegistryError(this.options.registry, this.options.repository, status, detail);
  }
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /(\w+)="([^"]*)"|(\w+)=([^,\s]+)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) out[m[1] ?? m[3]!] = m[2] ?? m[4]!;
  return out;
}
