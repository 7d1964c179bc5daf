/**
 * rpm's SQLite database as rpm 4.18 writes it: packages built by rpmbuild,
 * registered with `rpm --justdb` into an `rpmdb.sqlite`, put into an image layer,
 * read back with name, epoch:version-release, arch and source package, then
 * matched against a Rocky Linux advisory with the rpm comparator.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needPrograms } from '../../support/prerequisites.js';
import { gzip, tarOf, writeLayout } from '../../support/oci-craft.js';
import { inspectImage } from '../../../src/sources/image/analyze-image.js';
import { AdvisoryIndex, matchInventory } from '../../../src/advisories/match-inventory.js';

const skip = needPrograms('rpm', 'rpmbuild');
const root = mkdtempSync(join(tmpdir(), 'seaworthy-rpmdb-'));
after(() => rmSync(root, { recursive: true, force: true }));

const SPEC = `Name: hello-sw
Epoch: 2
Version: 1.0
Release: 3.el9
Summary: test package
License: MIT
BuildArch: noarch
%description
test
%package libs
Summary: its library
%description libs
lib
%files
%files libs
`;

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
}

test('rpmdb.sqlite: every package with its EVR, arch and source package; matched by the rpm comparator', { skip }, async () => {
  mkdirSync(join(root, 'SPECS'), { recursive: true });
  writeFileSync(join(root, 'SPECS/hello.spec'), SPEC);
  sh('rpmbuild', ['--define', `_topdir ${root}`, '-bb', join(root, 'SPECS/hello.spec')]);
  const db = join(root, 'db');
  const rpm = ['--dbpath', db, '--define', '_db_backend sqlite'];
  sh('rpm', [...rpm, '--initdb']);
  const rpms = readdirSync(join(root, 'RPMS/noarch')).map((f) => join(root, 'RPMS/noarch', f));
  sh('rpm', [...rpm, '-i', '--justdb', '--nodeps', '--nosignature', ...rpms]);
  const layers = [{ blob: gzip(await tarOf([{ name: 'etc/os-release', content: 'ID="rocky"\nVERSION_ID="9.4"\n' }, { name: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(join(db, 'rpmdb.sqlite')) }])) }];
  const { image } = await inspectImage(writeLayout(join(root, 'img'), layers));
  const got = image!.packages.map((p) => [p.name, p.version, p.arch, p.sourceName, p.layerIndex]).sort();
  assert.deepEqual(got, [
    ['hello-sw', '2:1.0-3.el9', 'noarch', 'hello-sw', 0],
    ['hello-sw-libs', '2:1.0-3.el9', 'noarch', 'hello-sw', 0],
  ]);
  const index = new AdvisoryIndex();
  const range = (fixed: string) => [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }];
  index.add({ id: 'RLSA-T-1', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Rocky Linux:9', name: 'hello-sw-libs' }, ranges: range('2:1.0-4.el9') }] });
  // Without the epoch 2 the installed version would look newer than 1:9.9; with it, it is not affected.
  index.add({ id: 'RLSA-T-2', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Rocky Linux:9', name: 'hello-sw' }, ranges: range('1:9.9-1.el9') }] });
  index.add({ id: 'RLSA-T-3', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Rocky Linux:8', name: 'hello-sw' }, ranges: range('3:1.0-1.el8') }] });
  const vulns = matchInventory({ os: image!.os!, packages: image!.packages }, index);
  assert.deepEqual(vulns.map((v) => [v.advisoryId, image!.packages[v.packageIndex]!.name, v.fixedVersion]), [['RLSA-T-1', 'hello-sw-libs', '2:1.0-4.el9']]);
});
