/**
 * `npm run bench -- vuln`: matching 1,000 installed packages (a dpkg status file)
 * against a database of 100,000 OSV advisories, against the baseline of just
 * reading that inventory (read + parse the status file). Also measures the
 * on-disk format options the README cites: this project's indexed file and SQLite
 * (sql.js, the binding that needs no native build) — import time, size, open and
 * lookup time for the same records and keys. Times are CPU medians (see time()).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { AdvisoryDatabase, RecordSet, writeDatabase } from '../src/advisories/advisory-db.js';
import { matchInventory } from '../src/advisories/match-inventory.js';
import type { OsvRecord } from '../src/advisories/osv.js';
import { parseDpkgStatus } from '../src/sources/image/inventory.js';
import { median } from './measure.js';

const ADVISORIES = 100_000;
const SOURCES = 10_000;
const INSTALLED = 1_000;

function record(i: number): OsvRecord {
  const pkg = `src${i % SOURCES}`;
  const fixed = i % 3 === 0 ? undefined : `1.${i % 50}-${(i % 7) + 1}+deb12u${i % 5}`;
  return {
    id: `DEBIAN-CVE-2099-${i}`,
    modified: '2026-01-01T00:00:00Z',
    upstream: [`CVE-2099-${i}`],
    summary: `synthetic advisory ${i}`,
    affected: ['Debian:11', 'Debian:12', 'Debian:13'].map((ecosystem) => ({
      package: { ecosystem, name: pkg },
      ranges: [{ type: 'ECOSYSTEM', events: fixed ? [{ introduced: '0' }, { fixed }] : [{ introduced: '0' }] }],
      ecosystem_specific: { urgency: ['low', 'medium', 'high', 'not yet assigned'][i % 4]! },
    })),
  };
}

function statusFile(): string {
  const out: string[] = [];
  for (let i = 0; i < INSTALLED; i++) {
    // Every 10th source, so each installed package has ~10 advisories to weigh.
    out.push(`Package: bin${i}\nStatus: install ok installed\nArchitecture: amd64\nSource: src${i * 10}\nVersion: 1.${i % 50}-3+deb12u2\nDescription: package ${i}\n long text\n`);
  }
  return out.join('\n');
}

/**
 * Median CPU time (user + system) of `fn`, in ms. CPU time rather than wall time:
 * on a shared machine with a load of 30 on 2 cores, wall time measures the queue.
 */
function time(fn: () => unknown, runs: number): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.cpuUsage();
    fn();
    const d = process.cpuUsage(s);
    t.push((d.user + d.system) / 1000);
  }
  return median(t);
}

const dirSize = (dir: string): number => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce((n, e) => n + statSync(join(e.parentPath ?? e.path, e.name)).size, 0);

/** Builds this project's database; the records go out of scope with the function. */
async function buildOwn(dbDir: string): Promise<{ ms: number; bytes: number }> {
  const start = process.hrtime.bigint();
  const set = new RecordSet();
  for (let i = 0; i < ADVISORIES; i++) set.add(record(i));
  await writeDatabase(dbDir, set, [{ name: 'synthetic', records: ADVISORIES }]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, bytes: dirSize(join(dbDir, readdirSync(dbDir).find((n) => n.startsWith('gen-'))!)) };
}

/** The same compact records in SQLite (sql.js), one row per (key, record) in an indexed table. */
async function buildSqlite(path: string): Promise<{ ms: number; bytes: number }> {
  const SQL = await initSqlJs();
  const start = process.hrtime.bigint();
  const set = new RecordSet();
  for (let i = 0; i < ADVISORIES; i++) set.add(record(i));
  const sq = new SQL.Database();
  sq.run('CREATE TABLE records (id INTEGER PRIMARY KEY, json TEXT); CREATE TABLE idx (key TEXT, rec INTEGER);');
  sq.run('BEGIN');
  const insR = sq.prepare('INSERT INTO records VALUES (?, ?)');
  const insK = sq.prepare('INSERT INTO idx VALUES (?, ?)');
  let n = 0;
  for (const r of set.byId.values()) {
    insR.run([n, JSON.stringify(r)]);
    for (const a of r.affected ?? []) insK.run([`${a.package!.ecosystem}\u0000${a.package!.name}`, n]);
    n++;
  }
  insR.free();
  insK.free();
  sq.run('COMMIT; CREATE INDEX idx_key ON idx(key);');
  writeFileSync(path, sq.export());
  sq.close();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes: statSync(path).size };
}

export async function runVulnBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'seaworthy-bench-vuln-'));
  try {
    const statusPath = join(root, 'status');
    writeFileSync(statusPath, statusFile());
    const dbDir = join(root, 'db');
    const own = await buildOwn(dbDir);
    const sqlitePath = join(root, 'advisories.sqlite');
    const sqlite = await buildSqlite(sqlitePath);
    const SQL = await initSqlJs();

    const baselineMs = time(() => parseDpkgStatus(readFileSync(statusPath, 'utf8'), statusPath), 15);
    let found = 0;
    const subjectMs = time(() => {
      const packages = parseDpkgStatus(readFileSync(statusPath, 'utf8'), statusPath);
      const db = AdvisoryDatabase.open(dbDir);
      found = matchInventory({ os: { id: 'debian', versionId: '12' }, packages }, db).length;
      db.close();
    }, 15);
    const openMs = time(() => AdvisoryDatabase.open(dbDir).close(), 15);
    const sqliteMs = time(() => {
      const packages = parseDpkgStatus(readFileSync(statusPath, 'utf8'), statusPath);
      const db = new SQL.Database(readFileSync(sqlitePath));
      const stmt = db.prepare('SELECT r.json FROM idx i JOIN records r ON r.id = i.rec WHERE i.key = ?');
      let hits = 0;
      for (const p of packages) {
        stmt.bind([`Debian:12\u0000${p.sourceName ?? p.name}`]);
        while (stmt.step()) {
          JSON.parse(stmt.get()[0] as string);
          hits++;
        }
        stmt.reset();
      }
      stmt.free();
      db.close();
      return hits;
    }, 5);

    console.log(`vuln: ${INSTALLED} installed packages vs ${ADVISORIES} advisories (${found} matches)`);
    console.log(`  read inventory (baseline)        ${baselineMs.toFixed(1)} ms CPU`);
    console.log(`  read inventory + open db + match ${subjectMs.toFixed(1)} ms CPU   ratio ${(subjectMs / baselineMs).toFixed(1)}x   (db open alone ${openMs.toFixed(1)} ms)`);
    console.log('  on-disk format options, same records:');
    console.log(`    indexed file (chosen)  import ${own.ms.toFixed(0)} ms, ${(own.bytes / 1e6).toFixed(1)} MB, scan ${subjectMs.toFixed(1)} ms`);
    console.log(`    SQLite via sql.js      import ${sqlite.ms.toFixed(0)} ms, ${(sqlite.bytes / 1e6).toFixed(1)} MB, lookups only ${sqliteMs.toFixed(1)} ms (loads the whole file into WebAssembly memory; no matching)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
