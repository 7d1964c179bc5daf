/**
 * `seaworthy db update`: fetch OSV's per-ecosystem `all.zip` archives from a
 * mirror (default: the public OSV bucket) and rebuild the database from them.
 * Downloads resume (`Range` + `If-Range` on the saved ETag) after an interruption,
 * are verified (the MD5 the bucket states in `x-goog-hash` or `Content-MD5` when
 * present, and always a readable zip), reuse an unchanged archive (`If-None-Match`),
 * and the new generation replaces the old one atomically (see advisory-db.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RecordSet, writeDatabase, type DbMeta, type DbSource } from './advisory-db.js';
import { importZip } from './import-osv.js';

export const DEFAULT_MIRROR = 'https://osv-vulnerabilities.storage.googleapis.com';
export const DEFAULT_ECOSYSTEMS = ['Debian', 'Ubuntu', 'Alpine', 'Red Hat', 'Rocky Linux', 'AlmaLinux'];

export interface UpdateOptions {
  mirror?: string;
  ecosystems?: string[];
  /** Progress and decisions, one line each. */
  log?: (line: string) => void;
  /** Per-request deadline (ms). */
  timeoutMs?: number;
}

interface PartState {
  url: string;
  etag?: string;
  lastModified?: string;
}

function archiveUrl(mirror: string, ecosystem: string): string {
  return `${mirror.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}/all.zip`;
}

/** The MD5 a server states for the whole object (GCS `x-goog-hash: md5=…`, or `Content-MD5`), base64. */
function statedMd5(headers: Headers): string | undefined {
  const goog = headers.get('x-goog-hash');
  const m = goog ? /(?:^|,)\s*md5=([^,\s]+)/.exec(goog) : null;
  return m?.[1] ?? headers.get('content-md5') ?? undefined;
}

async function fileDigest(path: string, alg: 'md5' | 'sha256', encoding: 'base64' | 'hex'): Promise<string> {
  const hash = createHash(alg);
  await pipeline(createReadStream(path), hash);
  return hash.digest(encoding);
}

/**
 * Brings `<dir>/downloads/<ecosystem>.zip` up to date with the mirror and returns it
 * with its validators. Throws with the URL and the reason when it cannot.
 */
export async function downloadArchive(dir: string, mirror: string, ecosystem: string, options: UpdateOptions = {}): Promise<{ path: string; source: DbSource }> {
  const log = options.log ?? (() => {});
  const url = archiveUrl(mirror, ecosystem);
  const downloads = join(dir, 'downloads');
  mkdirSync(downloads, { recursive: true });
  const file = join(downloads, `${ecosystem.replace(/[^A-Za-z0-9._-]/g, '_')}.zip`);
  const part = `${file}.part`;
  const stateFile = `${file}.json`;
  const partStateFile = `${part}.json`;
  const done: PartState | undefined = existsSync(file) && existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as PartState) : undefined;
  const partial: PartState | undefined = existsSync(part) && existsSync(partStateFile) ? (JSON.parse(readFileSync(partStateFile, 'utf8')) as PartState) : undefined;
  const have = partial && partial.url === url && partial.etag ? statSync(part).size : 0;

  const headers: Record<string, string> = {};
  if (have > 0) {
    headers['range'] = `bytes=${have}-`;
    headers['if-range'] = partial!.etag!;
  } else if (done?.url === url && done.etag) headers['if-none-match'] = done.etag;

  const response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 600_000) });
  if (response.status === 304 && done) {
    log(`${ecosystem}: unchanged since the last download (${done.etag})`);
    return { path: file, source: await sourceOf(file, url, done) };
  }
  if (response.status !== 200 && response.status !== 206) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
  if (!response.body) throw new Error(`${url}: empty response`);
  const resumed = response.status === 206;
  if (resumed) {
    const start = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
    if (Number(start) !== have) throw new Error(`${url}: the server resumed at byte ${start ?? '?'} instead of ${have}`);
    log(`${ecosystem}: resuming at byte ${have}`);
  }
  const state: PartState = { url };
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) state.etag = etag;
  else if (resumed && partial?.etag) state.etag = partial.etag;
  if (lastModified) state.lastModified = lastModified;
  writeFileSync(partStateFile, JSON.stringify(state));
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(part, { flags: resumed ? 'a' : 'w' }));

  const md5 = statedMd5(response.headers);
  if (md5) {
    const got = await fileDigest(part, 'md5', 'base64');
    if (got !== md5) {
      rmSync(part, { force: true });
      rmSync(partStateFile, { force: true });
      throw new Error(`${url}: downloaded archive does not match the MD5 the server states (${got} ≠ ${md5}); removed, run 'db update' again`);
    }
  }
  renameSync(part, file);
  renameSync(partStateFile, stateFile);
  log(`${ecosystem}: downloaded ${statSync(file).size} bytes${md5 ? ', MD5 verified' : ''}`);
  return { path: file, source: await sourceOf(file, url, state) };
}

async function sourceOf(file: string, url: string, state: PartState): Promise<DbSource> {
  const source: DbSource = { name: url, records: 0, sha256: await fileDigest(file, 'sha256', 'hex') };
  if (state.etag) source.etag = state.etag;
  if (state.lastModified) source.lastModified = state.lastModified;
  return source;
}

/**
 * Downloads every ecosystem's archive, then rebuilds the database from them in
 * one new generation. Nothing is swapped unless every archive was read.
 *
 * @example
 * const meta = await updateDatabase(databaseDir(), { mirror: 'http://127.0.0.1:8080' });
 */
export async function updateDatabase(dir: string, options: UpdateOptions = {}): Promise<{ meta: DbMeta; problems: string[] }> {
  const mirror = options.mirror ?? DEFAULT_MIRROR;
  const ecosystems = options.ecosystems?.length ? options.ecosystems : DEFAULT_ECOSYSTEMS;
  const set = new RecordSet();
  const sources: DbSource[] = [];
  const problems: string[] = [];
  for (const ecosystem of ecosystems) {
    const { path, source } = await downloadArchive(dir, mirror, ecosystem, options);
    try {
      source.records = importZip(readFileSync(path), `${ecosystem}/all.zip`, set, problems);
    } catch (e) {
      // A broken archive must not be reused by the next update's If-None-Match.
      rmSync(path, { force: true });
      rmSync(`${path}.json`, { force: true });
      throw e;
    }
    sources.push(source);
  }
  return { meta: await writeDatabase(dir, set, sources), problems };
}
