/**
 * `seaworthy image` end to end through bin/seaworthy.js, on a hand-made OCI
 * layout: report formats, exit codes, the SBOM and usage errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../support/prerequisites.js';
import { gzip, tarOf, writeLayout } from '../support/oci-craft.js';

const dir = mkdtempSync(join(tmpdir(), 'seaworthy-cli-image-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'image', ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('seaworthy image', () => {
  let ref = '';
  before(async () => {
    ref = writeLayout(join(dir, 'layout'), [
      { blob: gzip(await tarOf([{ name: 'bin/sh', content: 'x' }, { name: 'var/lib/dpkg/status', content: 'Package: zlib1g\nStatus: install ok installed\nVersion: 1.2.13\n' }])), createdBy: '/bin/sh -c #(nop) ADD file:1 in /' },
      { blob: gzip(await tarOf([{ name: 'app/.env', content: 'A=1' }])), createdBy: '/bin/sh -c #(nop) COPY file:2 in /app/.env' },
      { blob: gzip(await tarOf([{ name: 'app/.wh..env', content: '' }])), createdBy: '/bin/sh -c rm /app/.env' },
    ]);
  });

  test('json report and exit code 1 for findings', () => {
    const { code, stdout } = cli(ref, '--format', 'json');
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; message: string; resource?: { layer?: string; path?: string } }[]; errors: unknown[] };
    const ids = report.findings.map((f) => f.ruleId).sort();
    assert.ok(ids.includes('secret-file-in-image') && ids.includes('shell-in-image'), ids.join());
    const secret = report.findings.find((f) => f.ruleId === 'secret-file-in-image')!;
    assert.equal(secret.resource?.path, '/app/.env');
    assert.match(secret.message, /COPY file:2 in \/app\/.env\. Layer 2 deletes it, but the layer still holds it/);
    assert.deepEqual(report.errors, []);
  });

  test('--fail-on critical still fails on the secret; text and sarif render', () => {
    assert.equal(cli(ref, '--fail-on', 'critical').code, 1);
    const sarif = cli(ref, '--format', 'sarif', '--fail-on', 'none');
    assert.equal(sarif.code, 0);
    assert.equal(JSON.parse(sarif.stdout).version, '2.1.0');
  });

  test('--sbom cyclonedx writes the SBOM', () => {
    const out = join(dir, 'bom.json');
    const { code } = cli(ref, '--sbom', 'cyclonedx', '--output', out);
    assert.equal(code, 0);
    const bom = JSON.parse(readFileSync(out, 'utf8')) as { components: { purl: string }[] };
    assert.deepEqual(bom.components.map((c) => c.purl), ['pkg:deb/debian/zlib1g@1.2.13']);
  });

  test('an unreadable image is exit code 2 with the reference named', () => {
    const { code, stdout } = cli(`oci:${join(dir, 'nothing')}:v1`, '--format', 'json');
    assert.equal(code, 2);
    assert.match(JSON.parse(stdout).errors[0].file, /^oci:.*nothing:v1$/);
  });

  test('usage errors', () => {
    assert.equal(cli().code, 2);
    assert.match(cli(ref, '--tls-verify=maybe').stderr, /--tls-verify takes true or false/);
    assert.match(cli(ref, '--sbom', 'spdx').stderr, /unknown --sbom "spdx"/);
    assert.equal(cli('--help').code, 0);
  });
});
