/**
 * `seaworthy image REF --scanners vuln` end to end through the CLI, on an image
 * layout with a Debian 12 dpkg database, against a database imported from the
 * real Debian advisories of the conformance folder. Expected advisories come from
 * expectations.tsv, not from the scanner.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { conformanceDir, needConformance, repoRoot } from '../support/prerequisites.js';
import { gzip, tarOf, writeLayout } from '../support/oci-craft.js';
import { RecordSet, writeDatabase } from '../../src/advisories/advisory-db.js';
import { importPaths } from '../../src/advisories/import-osv.js';

const skip = needConformance('vulnerabilities/advisories');
const advisories = join(conformanceDir, 'vulnerabilities/advisories/debian');
const root = mkdtempSync(join(tmpdir(), 'seaworthy-vuln-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface Json {
  findings: Array<{ ruleId: string; severity: string; message: string; resource?: { layer?: string; path?: string }; vulnerability?: { advisoryId: string; aliases: string[]; fixedVersion?: string; installedVersion: string; package: string; sourcePackage: string; purl?: string; severitySource?: string } }>;
  errors: Array<{ message: string }>;
  summary: { suppressed?: number };
}

function cli(args: string[], cwd = root): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SEAWORTHY_DB: join(root, 'no-db-here') } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Advisory ids expectations.tsv says must match (ecosystem, source, version). */
function expectedMatches(source: string, version: string): string[] {
  const rows = readFileSync(join(conformanceDir, 'vulnerabilities/expectations.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(1);
  return rows.map((l) => l.split('\t')).filter((c) => c[0] === 'Debian:12' && c[1] === source && c[3] === version && c[5] === 'match').map((c) => c[4]!).sort();
}

const para = (name: string, version: string, source?: string): string => `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source ? `Source: ${source}\n` : ''}Version: ${version}\n`;
let ref = '';
let db = '';

before(async () => {
  if (skip) return;
  const base = [para('libc6', '2.36-8', 'glibc'), para('zlib1g', '1:1.2.13.dfsg-1', 'zlib'), para('tar', '1.34+dfsg-1.2+deb12u1')];
  const layers = [
    { blob: gzip(await tarOf([{ name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, { name: 'var/lib/dpkg/status', content: base.join('\n') }])) },
    { blob: gzip(await tarOf([{ name: 'var/lib/dpkg/status', content: [...base, para('apt', '2.6.1')].join('\n') }])) },
  ];
  ref = writeLayout(join(root, 'img'), layers, { history: [{ created_by: 'ADD rootfs.tar /' }, { created_by: '/bin/sh -c apt-get install -y apt' }] });
  db = join(root, 'db');
  const r = cli(['db', 'import', advisories, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /imported 38 advisories \(Debian 38\)/);
});

test('findings per package and advisory: ids and fixed/unfixed as expectations.tsv says, located at the installing layer', { skip }, () => {
  const r = cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as Json;
  assert.deepEqual(out.errors, []);
  assert.ok(out.findings.every((f) => f.ruleId === 'vulnerable-package'), 'only the vuln scanner ran');
  const by = (pkg: string) => out.findings.filter((f) => f.vulnerability?.package === pkg);
  assert.deepEqual(by('libc6').map((f) => f.vulnerability!.advisoryId).sort(), expectedMatches('glibc', '2.36-8'));
  assert.deepEqual(by('zlib1g').map((f) => f.vulnerability!.advisoryId).sort(), expectedMatches('zlib', '1:1.2.13.dfsg-1'));
  assert.deepEqual(by('apt').map((f) => f.vulnerability!.advisoryId).sort(), expectedMatches('apt', '2.6.1'));
  assert.deepEqual(by('tar'), [], 'tar 1.34+dfsg-1.2+deb12u1 is at the fix (equality is not affected)');
  const dsa = by('libc6').find((f) => f.vulnerability!.advisoryId === 'DSA-5514-1')!;
  assert.deepEqual(dsa.vulnerability!.aliases, ['CVE-2023-4911']);
  assert.equal(dsa.vulnerability!.fixedVersion, '2.36-9+deb12u3');
  assert.equal(dsa.vulnerability!.sourcePackage, 'glibc');
  assert.match(dsa.vulnerability!.purl!, /^pkg:deb\/debian\/libc6@2\.36-8\?arch=amd64&distro=debian-12$/);
  assert.match(dsa.message, /fixed in 2\.36-9\+deb12u3\. Installed by layer 0 .*step: ADD rootfs\.tar \//);
  const apt = by('apt')[0]!;
  assert.equal(apt.vulnerability!.fixedVersion, undefined);
  assert.match(apt.message, /unfixed in Debian:12\. Installed by layer 1 .*apt-get install -y apt/);
  assert.equal(apt.severity, 'low', "the tracker's urgency 'unimportant'");
  assert.equal(apt.vulnerability!.severitySource, 'urgency unimportant');
  assert.equal(apt.resource?.path, '/var/lib/dpkg/status');
});

test('--ignore-unfixed and --severity narrow the findings', { skip }, () => {
  const all = (JSON.parse(cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'json']).stdout) as Json).findings;
  const fixedOnly = (JSON.parse(cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'json', '--ignore-unfixed']).stdout) as Json).findings;
  assert.ok(all.some((f) => f.vulnerability!.fixedVersion === undefined));
  assert.deepEqual(fixedOnly.map((f) => f.vulnerability!.advisoryId), all.filter((f) => f.vulnerability!.fixedVersion !== undefined).map((f) => f.vulnerability!.advisoryId));
  const low = (JSON.parse(cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'json', '--severity', 'low']).stdout) as Json).findings;
  assert.deepEqual(low.map((f) => f.vulnerability!.advisoryId), all.filter((f) => f.severity === 'low').map((f) => f.vulnerability!.advisoryId));
  assert.ok(low.length > 0 && low.length < all.length);
});

test('an exception naming an advisory by its CVE alias accepts just that finding', { skip }, () => {
  const dir = join(root, 'exc');
  rmSync(dir, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, '.seaworthy.yaml'), 'exceptions:\n  - rule: vulnerable-package\n    advisories: [CVE-2011-3374]\n    reason: apt is removed at runtime\n    expires: 2999-12-31\n');
  const r = cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'json'], dir);
  const out = JSON.parse(r.stdout) as Json;
  assert.equal(out.findings.some((f) => f.vulnerability!.advisoryId === 'DEBIAN-CVE-2011-3374'), false);
  assert.ok(out.findings.some((f) => f.vulnerability!.advisoryId === 'DEBIAN-CVE-2023-45853'), 'other advisories still reported');
  assert.equal(out.summary.suppressed, 1);
  const sarif = JSON.parse(cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'sarif'], dir).stdout) as { runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ justification?: string }> }> }> };
  const accepted = sarif.runs[0]!.results.filter((r) => r.suppressions);
  assert.deepEqual(accepted.map((r) => [r.ruleId, r.suppressions![0]!.justification]), [['vulnerable-package/DEBIAN-CVE-2011-3374', 'apt is removed at runtime']]);
});

test('VEX (OpenVEX and CycloneDX) not_affected statements remove the pair they name', { skip }, () => {
  const openvex = join(root, 'vex.openvex.json');
  writeFileSync(openvex, JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'x', author: 't', timestamp: '2026-01-01T00:00:00Z', version: 1, statements: [{ vulnerability: { name: 'CVE-2023-45853' }, products: [{ '@id': 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }] }));
  const cdx = join(root, 'vex.cdx.json');
  writeFileSync(cdx, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', vulnerabilities: [{ id: 'DSA-5514-1', analysis: { state: 'not_affected', justification: 'code_not_reachable' }, affects: [{ ref: 'pkg:deb/debian/libc6?arch=amd64' }] }, { id: 'DSA-5611-1', analysis: { state: 'exploitable' }, affects: [] }] }));
  const r = cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'json', '--vex', openvex, '--vex', cdx]);
  const ids = (JSON.parse(r.stdout) as Json).findings.map((f) => f.vulnerability!.advisoryId);
  assert.ok(!ids.includes('DEBIAN-CVE-2023-45853') && !ids.includes('DSA-5514-1'), ids.join(' '));
  assert.ok(ids.includes('DSA-5611-1'), 'an exploitable statement removes nothing');
  assert.ok(ids.includes('DEBIAN-CVE-2023-4911'), 'a statement names one advisory, not its siblings');
  assert.match(r.stderr, /DEBIAN-CVE-2023-45853 on zlib1g: not_affected per .*vex\.openvex\.json \(vulnerable_code_not_in_execute_path\)/);
});

test('SARIF: one reporting descriptor per advisory, results point at theirs, the log validates', { skip }, () => {
  const log = JSON.parse(cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'sarif']).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string; properties?: { tags?: string[] } }> } }; results: Array<{ ruleId: string; ruleIndex: number }> }> };
  const run = log.runs[0]!;
  const advisoryRules = run.tool.driver.rules.filter((r) => r.id.startsWith('vulnerable-package/'));
  const resultIds = new Set(run.results.map((r) => r.ruleId));
  assert.deepEqual(advisoryRules.map((r) => r.id).sort(), [...resultIds].sort());
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
  const dsa = advisoryRules.find((r) => r.id === 'vulnerable-package/DSA-5514-1')!;
  assert.ok(dsa.properties?.tags?.includes('CVE-2023-4911'));
  const require = createRequire(import.meta.url);
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
});

test('without a database the vuln scanner stops with what to run; other scanners need none', { skip }, () => {
  const r = cli(['image', ref, '--scanners', 'vuln']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no advisory database in .*no-db-here: run 'seaworthy db import PATH…' or 'seaworthy db update' first/);
  const plain = cli(['image', ref, '-f', 'json']);
  assert.ok([0, 1].includes(plain.code), plain.stderr);
  assert.equal((JSON.parse(plain.stdout) as Json).findings.some((f) => f.ruleId === 'vulnerable-package'), false);
  assert.match(cli(['image', ref, '--db', db]).stderr, /--db applies to the vuln scanner/);
});

test('an old database earns a warning, and the scan still runs offline', { skip }, async () => {
  const old = join(root, 'old-db');
  const set = new RecordSet();
  const { sources } = importPaths([advisories], set);
  await writeDatabase(old, set, sources, new Date(Date.now() - 30 * 86_400_000));
  const r = cli(['image', ref, '--scanners', 'vuln', '--db', old, '-f', 'json', '--db-max-age', '10']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /warning: the advisory database in .*old-db was built 30 days ago \(more than 10\): run 'seaworthy db update'/);
  assert.ok((JSON.parse(r.stdout) as Json).findings.length > 0);
  const status = cli(['db', 'status', '--db', old, '-f', 'json']);
  const meta = JSON.parse(status.stdout) as { records: number; ageDays: number; sources: Array<{ records: number }> };
  assert.equal(meta.records, 38);
  assert.equal(Math.round(meta.ageDays), 30);
  assert.equal(meta.sources[0]!.records, 38);
});
