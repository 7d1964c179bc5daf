/**
 * Matching against the real Debian advisories of the conformance folder: every
 * row of expectations.tsv (installed source package × advisory → match or not)
 * must come out the same. The rows were derived with dpkg outside this project.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, needConformance } from '../support/prerequisites.js';
import { AdvisoryIndex, matchInventory } from '../../src/advisories/match-inventory.js';
import { asOsvRecord } from '../../src/advisories/osv.js';
import type { OsPackage } from '../../src/model/image-spec.js';

const skip = needConformance('vulnerabilities/advisories');
const dir = join(conformanceDir, 'vulnerabilities');

function loadIndex(): AdvisoryIndex {
  const index = new AdvisoryIndex();
  const adv = join(dir, 'advisories/debian');
  for (const f of readdirSync(adv).filter((f) => f.endsWith('.json'))) {
    const r = asOsvRecord(JSON.parse(readFileSync(join(adv, f), 'utf8')));
    assert.ok(typeof r !== 'string', `${f}: ${String(r)}`);
    index.add(r);
  }
  return index;
}

interface Row {
  ecosystem: string;
  source: string;
  binary: string;
  version: string;
  advisory: string;
  expect: string;
  reason: string;
}

function rows(): Row[] {
  const lines = readFileSync(join(dir, 'expectations.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  return lines.slice(1).map((l) => {
    const [ecosystem, source, binary, version, advisory, expect, reason] = l.split('\t') as [string, string, string, string, string, string, string];
    return { ecosystem, source, binary, version, advisory, expect, reason };
  });
}

test('every expectations.tsv row agrees: match by release and source package, fixed and unfixed', { skip }, () => {
  const index = loadIndex();
  assert.equal(index.size, 38);
  const all = rows();
  assert.equal(all.length, 798);
  const byInstall = new Map<string, Row[]>();
  for (const r of all) {
    const k = `${r.ecosystem}|${r.source}|${r.binary}|${r.version}`;
    byInstall.set(k, [...(byInstall.get(k) ?? []), r]);
  }
  const wrong: string[] = [];
  let matches = 0;
  for (const [k, group] of byInstall) {
    const { ecosystem, source, binary, version } = group[0]!;
    // The binary carries its own name and, as in a real dpkg status, the source it came from.
    const pkg: OsPackage = { type: 'deb', name: binary, version, sourceName: source, source: 'test' };
    const found = new Map(matchInventory({ os: { id: 'debian', versionId: ecosystem.split(':')[1]! }, packages: [pkg] }, index).map((v) => [v.advisoryId, v]));
    for (const r of group) {
      const hit = found.get(r.advisory);
      if ((r.expect === 'match') !== !!hit) wrong.push(`${k} ${r.advisory}: expected ${r.expect} (${r.reason}), got ${hit ? 'match' : 'no-match'}`);
      if (!hit) continue;
      matches++;
      // "no fix in Debian:12" rows must come out unfixed; "fixed in X > installed" rows with fix X.
      const fix = /^fixed in (\S+) > installed/.exec(r.reason)?.[1];
      if (fix !== hit.fixedVersion) wrong.push(`${k} ${r.advisory}: fixed ${hit.fixedVersion ?? 'unfixed'}, expected ${fix ?? 'unfixed'}`);
    }
    const extra = [...found.keys()].filter((id) => !group.some((r) => r.advisory === id));
    if (extra.length) wrong.push(`${k}: matched advisories not in the table: ${extra.join(', ')}`);
  }
  assert.deepEqual(wrong, []);
  assert.equal(matches, 23);
});

test('a package of the same name in another distribution or release is never matched', { skip }, () => {
  const index = loadIndex();
  const glibc = (type: OsPackage['type']): OsPackage => ({ type, name: 'libc6', version: '2.36-8', sourceName: 'glibc', source: 'test' });
  assert.ok(matchInventory({ os: { id: 'debian', versionId: '12' }, packages: [glibc('deb')] }, index).length > 0);
  assert.deepEqual(matchInventory({ os: { id: 'ubuntu', versionId: '22.04' }, packages: [glibc('deb')] }, index), []);
  assert.deepEqual(matchInventory({ os: { id: 'debian', versionId: '9' }, packages: [glibc('deb')] }, index), []);
  assert.deepEqual(matchInventory({ os: { id: 'debian' }, packages: [glibc('deb')] }, index), [], 'no release known: nothing guessed');
  // An rpm package in a Debian-looking inventory is not compared with Debian ranges.
  assert.deepEqual(matchInventory({ os: { id: 'debian', versionId: '12' }, packages: [glibc('rpm')] }, index), []);
});
