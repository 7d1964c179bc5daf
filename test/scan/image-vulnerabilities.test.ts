/**
 * The library entry point Harbor's adapter builds on: image → inventory →
 * vulnerabilities, with what makes a scan incomplete named as errors.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzip, tarOf, writeLayout } from '../support/oci-craft.js';
import { AdvisoryIndex } from '../../src/advisories/match-inventory.js';
import { scanImageVulnerabilities } from '../../src/scan/image-vulnerabilities.js';

const root = mkdtempSync(join(tmpdir(), 'seaworthy-image-vulns-'));
after(() => rmSync(root, { recursive: true, force: true }));

const STATUS = 'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n';
const advisories = new AdvisoryIndex();
advisories.add({ id: 'DSA-T-1', modified: '2026-01-01T00:00:00Z', aliases: ['CVE-2099-1'], affected: [{ package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }] }] });

async function image(name: string, osRelease?: string): Promise<string> {
  const files = [{ name: 'var/lib/dpkg/status', content: STATUS }, ...(osRelease ? [{ name: 'etc/os-release', content: osRelease }] : [])];
  return writeLayout(join(root, name), [{ blob: gzip(await tarOf(files)) }]);
}

test('scanImageVulnerabilities returns the inventory and its vulnerabilities', async () => {
  const { image: spec, vulnerabilities, errors } = await scanImageVulnerabilities(await image('deb', 'ID=debian\nVERSION_ID="12"\n'), { advisories });
  assert.deepEqual(errors, []);
  assert.equal(spec!.packages[0]!.sourceName, 'openssl');
  assert.deepEqual(vulnerabilities.map((v) => [v.advisoryId, v.aliases, v.installedVersion, v.fixedVersion]), [['DSA-T-1', ['CVE-2099-1'], '3.0.11-1~deb12u2', '3.0.13-1~deb12u1']]);
  const fixedOnly = await scanImageVulnerabilities(await image('deb2', 'ID=debian\nVERSION_ID="12"\n'), { advisories, ignoreUnfixed: true });
  assert.equal(fixedOnly.vulnerabilities.length, 1, 'a fixed advisory survives --ignore-unfixed');
});

test('an unknown or missing release is said, not silently matched or skipped', async () => {
  const none = await scanImageVulnerabilities(await image('no-os'), { advisories });
  assert.deepEqual(none.vulnerabilities, []);
  assert.match(none.errors[0]!.message, /no \/etc\/os-release .* not matched against advisories/);
  const arch = await scanImageVulnerabilities(await image('arch', 'ID=arch\n'), { advisories });
  assert.deepEqual(arch.vulnerabilities, []);
  assert.match(arch.errors[0]!.message, /^arch: no OSV ecosystem and release seaworthy can map it to/);
  const sid = await scanImageVulnerabilities(await image('sid', 'ID=debian\n'), { advisories });
  assert.match(sid.errors[0]!.message, /^debian: no OSV ecosystem and release/, 'Debian without VERSION_ID (sid) is not guessed to be 12');
});
