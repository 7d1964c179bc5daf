/**
 * `seaworthy db import` and `db status` as a user runs them: files, directories
 * and all.zip archives; what is not an OSV record is named and skipped; an import
 * that finds nothing leaves the database as it was.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { repoRoot } from '../support/prerequisites.js';

const root = mkdtempSync(join(tmpdir(), 'seaworthy-db-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const record = (id: string, ecosystem: string, name: string) => JSON.stringify({ schema_version: '1.7.0', id, modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1' }] }] }] });

test('import reads files, directories and all.zip; skips what is not OSV, naming it; status reports', () => {
  const src = join(root, 'src');
  mkdirSync(join(src, 'nested'), { recursive: true });
  writeFileSync(join(src, 'A-1.json'), record('A-1', 'Debian:12', 'zlib'));
  writeFileSync(join(src, 'nested/A-2.json'), record('A-2', 'Alpine:v3.20', 'musl'));
  writeFileSync(join(src, 'broken.json'), '{ "id": ');
  writeFileSync(join(src, 'not-osv.json'), '{"hello": "world"}');
  // A PyPI record: valid OSV, but no OS package, so the database does not keep it.
  writeFileSync(join(src, 'PYSEC-1.json'), record('PYSEC-1', 'PyPI', 'requests'));
  const zip = join(root, 'all.zip');
  writeFileSync(zip, zipSync({ 'R-3.json': strToU8(record('R-3', 'Rocky Linux:9', 'openssl')) }));
  const db = join(root, 'db');
  const r = cli(['db', 'import', src, zip, '--db', db]);
  assert.equal(r.code, 2, 'problems make the exit code 2, the rest is still imported');
  assert.match(r.stderr, /skipped .*broken\.json: not JSON/);
  assert.match(r.stderr, /skipped .*not-osv\.json: not an OSV record: no "id"/);
  assert.match(r.stdout, /imported 3 advisories \(Alpine 1, Debian 1, Rocky Linux 1\)/);
  const status = cli(['db', 'status'], { SEAWORTHY_DB: db });
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`database: ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(status.stdout, /records:  3 /);
  assert.match(status.stdout, /all\.zip: 1 records/);

  const junk = join(root, 'junk');
  mkdirSync(junk);
  writeFileSync(join(junk, 'x.json'), '[]');
  const again = cli(['db', 'import', junk, '--db', db]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /no OS-package advisories found .* the database was left as it was/);
  assert.match(cli(['db', 'status', '--db', db]).stdout, /records:  3 /);
});

test('usage: subcommands and paths are checked; status without a database says what to run', () => {
  assert.match(cli(['db', 'import']).stderr, /db import needs at least one PATH/);
  assert.match(cli(['db', 'frobnicate']).stderr, /unknown db subcommand "frobnicate"/);
  const none = cli(['db', 'status', '--db', join(root, 'empty')]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no advisory database in .*empty: run 'seaworthy db import PATH…' or 'seaworthy db update' first/);
  assert.match(cli(['db', 'status'], { SEAWORTHY_DB: '', XDG_CACHE_HOME: join(root, 'xdg') }).stderr, /xdg\/seaworthy\/db/);
});
