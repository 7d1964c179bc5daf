/**
 * `npm run bench -- vuln`: matching 1,000 installed packages (a dpkg status file)
 * against a database of 100,000 OSV advisories, against the baseline of just
 * reading that inventory (read + parse the status file). Also measures the
 * on-disk format options the README cites: this project's indexed file and SQLite
 * (sql.js, the binding that needs no native build) — import time, size, open and
 * lookup time for the same records and keys.
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

function time(fn: () => unknown, runs: number): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return median(t);
}

const dirSize = (dir: string): number => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce((n, e) => n + statSync(join(e.parentPath ?? e.path, e.name)).size, 0);

export async function runVulnBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'seaworthy-bench-vuln-'));
  try {
    const records = Array.from({ length: ADVISORIES }, (_, i) => record(i));
    const statusPath = join(root, 'status');
    writeFileSync(statusPath, statusFile());

    // Format 1: this project's indexed file.
    let s = process.hrtime.bigint();
    const set = new RecordSet();
    for (const r of records) set.add(r);
    const dbDir = join(root, 'db');
    await writeDatabase(dbDir, set, [{ name: 'synthetic', records: ADVISORIES }]);
    const ownImportMs = Number(process.hrtime.bigint() - s) / 1e6;
    const ownBytes = dirSize(join(dbDir, readdirSync(dbDir).find((n) => n.startsWith('gen-'))!));

    const baselineMs = time(() => parseDpkgStatus(readFileSync(statusPath, 'utf8'), statusPath), 15);
    let found = 0;
    const subjectMs = time(() => {
      const packages = parseDpkgStatus(readFileSync(statusPath, 'utf8'), statusPath);
      const db = AdvisoryDatabase.open(dbDir);
      found = matchInventory({ os: { id: 'debian', versionId: '12' }, packages }, db).length;
      db.close();
    }, 15);
    const openMs = time(() => AdvisoryDatabase.open(dbDir).close(), 15);

    // Format 2: SQLite via sql.js, same compact records, one row per (key, record).
    const SQL = await initSqlJs();
    s = process.hrtime.bigint();
    const sq = new SQL.Database();
    sq.run('CREATE TABLE records (id INTEGER PRIMARY KEY, json TEXT); CREATE TABLE idx (key TEXT, rec INTEGER); ');
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
    const sqlitePath = join(root, 'advisories.sqlite');
    writeFileSync(sqlitePath, sq.export());
    sq.close();
    const sqliteImportMs = Number(process.hrtime.bigint() - s) / 1e6;
    const sqliteBytes = statSync(sqlitePath).size;
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
    console.log(`  read inventory (baseline)        ${baselineMs.toFixed(1)} ms`);
    console.log(`  read inventory + open db + match ${subjectMs.toFixed(1)} ms   ratio ${(subjectMs / baselineMs).toFixed(1)}x   (db open alone ${openMs.toFixed(1)} ms)`);
    console.log('  on-disk format options, same records:');
    console.log(`    indexed file (chosen)  import ${ownImportMs.toFixed(0)} ms, ${(ownBytes / 1e6).toFixed(1)} MB, scan ${subjectMs.toFixed(1)} ms`);
    console.log(`    SQLite via sql.js      import ${sqliteImportMs.toFixed(0)} ms, ${(sqliteBytes / 1e6).toFixed(1)} MB, scan ${sqliteMs.toFixed(1)} ms (loads the whole file into WebAssembly memory)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
