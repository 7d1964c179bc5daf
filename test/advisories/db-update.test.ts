/**
 * `db update` against a loopback HTTP server serving real-format OSV `all.zip`
 * archives (a flat zip of <ID>.json, built here from the conformance advisories),
 * with the headers the OSV bucket sends (ETag, x-goog-hash md5, Range support):
 * an interrupted download resumes where it stopped, an unchanged archive is not
 * fetched again, a corrupt one is refused and the old database stays in place.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { conformanceDir, needConformance } from '../support/prerequisites.js';
import { AdvisoryDatabase } from '../../src/advisories/advisory-db.js';
import { updateDatabase } from '../../src/advisories/db-update.js';

const skip = needConformance('vulnerabilities/advisories');
const root = mkdtempSync(join(tmpdir(), 'seaworthy-dbupdate-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface Served {
  body: Buffer;
  etag: string;
  /** Cut the connection after this many bytes, once. */
  cutAfter?: number;
  /** Claim a different MD5 than the body has. */
  lieAboutMd5?: boolean;
}
const served = new Map<string, Served>();
const requests: Array<{ url: string; range?: string; ifRange?: string; ifNoneMatch?: string; status: number }> = [];
let server: Server;
let mirror = '';

function allZip(filter: (id: string) => boolean): Buffer {
  const dir = join(conformanceDir, 'vulnerabilities/advisories/debian');
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json') && filter(f))) files[f] = readFileSync(join(dir, f));
  return Buffer.from(zipSync(files));
}

function handle(req: IncomingMessage, res: import('node:http').ServerResponse): void {
  const url = decodeURIComponent(req.url ?? '');
  const item = served.get(url);
  const log = { url, status: 0, ...(req.headers.range && { range: req.headers.range }), ...(req.headers['if-range'] && { ifRange: String(req.headers['if-range']) }), ...(req.headers['if-none-match'] && { ifNoneMatch: String(req.headers['if-none-match']) }) };
  requests.push(log);
  if (!item) {
    log.status = 404;
    res.writeHead(404).end();
    return;
  }
  if (req.headers['if-none-match'] === item.etag) {
    log.status = 304;
    res.writeHead(304, { etag: item.etag }).end();
    return;
  }
  const md5 = createHash('md5').update(item.lieAboutMd5 ? Buffer.from('other') : item.body).digest('base64');
  const headers = { etag: item.etag, 'x-goog-hash': `crc32c=AAAAAA==,md5=${md5}`, 'accept-ranges': 'bytes', 'content-type': 'application/zip' };
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  let start = 0;
  if (range && req.headers['if-range'] === item.etag) {
    start = Number(range[1]);
    log.status = 206;
    res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${item.body.length - 1}/${item.body.length}`, 'content-length': item.body.length - start });
  } else {
    log.status = 200;
    res.writeHead(200, { ...headers, 'content-length': item.body.length });
  }
  if (item.cutAfter !== undefined) {
    const cut = item.cutAfter;
    delete item.cutAfter;
    // Give the client time to take the first half before the connection drops.
    res.write(item.body.subarray(start, cut), () => setTimeout(() => res.destroy(), 300));
    return;
  }
  res.end(item.body.subarray(start));
}

before(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  mirror = `http://127.0.0.1:${addr.port}/osv`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('an interrupted download resumes with Range/If-Range, is MD5-verified, and builds the database', { skip }, async () => {
  const db = join(root, 'db1');
  const body = allZip(() => true);
  served.set('/osv/Debian/all.zip', { body, etag: '"v1"', cutAfter: Math.floor(body.length / 2) });
  await assert.rejects(updateDatabase(db, { mirror, ecosystems: ['Debian'] }));
  assert.equal(existsSync(join(db, 'current')), false, 'nothing swapped in after a failed download');
  const part = join(db, 'downloads/Debian.zip.part');
  assert.ok(existsSync(part) && readFileSync(part).length > 0 && readFileSync(part).length < body.length, `the partial download is kept: ${JSON.stringify(readdirSync(join(db, 'downloads')))} ${body.length}`);
  const lines: string[] = [];
  const { meta } = await updateDatabase(db, { mirror, ecosystems: ['Debian'], log: (l) => lines.push(l) });
  const resumed = requests.at(-1)!;
  assert.equal(resumed.status, 206);
  assert.equal(resumed.range, `bytes=${readFileSync(join(db, 'downloads/Debian.zip')).length - (body.length - Number(resumed.range!.slice(6, -1)))}-`);
  assert.equal(resumed.ifRange, '"v1"');
  assert.deepEqual(readFileSync(join(db, 'downloads/Debian.zip')), body);
  assert.ok(lines.some((l) => /resuming at byte \d+/.test(l)) && lines.some((l) => /MD5 verified/.test(l)), lines.join('\n'));
  assert.equal(meta.records, 38);
  assert.equal(meta.sources[0]!.sha256, createHash('sha256').update(body).digest('hex'));
  const opened = AdvisoryDatabase.open(db);
  assert.ok(opened.lookup('Debian:12', 'glibc').some((r) => r.id === 'DSA-5514-1'));
  opened.close();
});

test('an unchanged archive is not downloaded again (If-None-Match → 304)', { skip }, async () => {
  const db = join(root, 'db1');
  const before = requests.length;
  const { meta } = await updateDatabase(db, { mirror, ecosystems: ['Debian'] });
  assert.deepEqual(requests.slice(before).map((r) => [r.status, r.ifNoneMatch]), [[304, '"v1"']]);
  assert.equal(meta.records, 38);
});

test('a new archive replaces the database atomically; a corrupt one leaves it in place', { skip }, async () => {
  const db = join(root, 'db1');
  const genBefore = readlinkSync(join(db, 'current'));
  served.set('/osv/Debian/all.zip', { body: allZip((f) => f.startsWith('DSA-')), etag: '"v2"' });
  const { meta } = await updateDatabase(db, { mirror, ecosystems: ['Debian'] });
  assert.equal(meta.records, 8);
  const genAfter = readlinkSync(join(db, 'current'));
  assert.notEqual(genAfter, genBefore);
  assert.equal(existsSync(join(db, genBefore)), false, 'the old generation is removed');

  served.set('/osv/Debian/all.zip', { body: allZip(() => true), etag: '"v3"', lieAboutMd5: true });
  await assert.rejects(updateDatabase(db, { mirror, ecosystems: ['Debian'] }), /does not match the MD5/);
  assert.equal(readlinkSync(join(db, 'current')), genAfter, 'still the last good generation');
  assert.equal(AdvisoryDatabase.open(db).meta.records, 8);

  served.set('/osv/Debian/all.zip', { body: Buffer.from('PK\u0003\u0004 not really a zip'), etag: '"v4"' });
  await assert.rejects(updateDatabase(db, { mirror, ecosystems: ['Debian'] }), /not a readable zip/);
  assert.equal(readlinkSync(join(db, 'current')), genAfter);
  await assert.rejects(updateDatabase(db, { mirror, ecosystems: ['Nope'] }), /Nope\/all\.zip: HTTP 404/);
});
