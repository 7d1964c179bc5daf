/**
 * OSV range evaluation beyond what the Debian data uses: last_affected, limit,
 * several introduced/fixed pairs, explicit versions, non-ECOSYSTEM ranges.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { affectedBy, inRange } from '../../src/advisories/affected-range.js';
import { compareApk, compareDpkg, compareRpm } from '../../src/advisories/compare-version.js';

const range = (...events: object[]) => ({ type: 'ECOSYSTEM', events });

test('introduced/fixed: below the fix is affected, the fix and above are not', () => {
  const r = range({ introduced: '0' }, { fixed: '2.36-9+deb12u3' });
  assert.equal(inRange('2.36-8', r, compareDpkg), true);
  assert.equal(inRange('2.36-9+deb12u3', r, compareDpkg), false);
  assert.equal(inRange('2.36-9+deb12u10', r, compareDpkg), false);
  assert.equal(inRange('2.36-9+deb12u2', r, compareDpkg), true);
});

test('last_affected includes its own version, excludes later ones', () => {
  const r = range({ introduced: '1.2-r0' }, { last_affected: '1.4-r2' });
  assert.equal(inRange('1.1-r9', r, compareApk), false);
  assert.equal(inRange('1.2-r0', r, compareApk), true);
  assert.equal(inRange('1.4-r2', r, compareApk), true);
  assert.equal(inRange('1.4-r3', r, compareApk), false);
  assert.deepEqual(affectedBy('1.4-r2', { ranges: [r] }, compareApk), {}, 'last_affected is no fix');
});

test('limit bounds the range; "*" means no bound', () => {
  const r = range({ introduced: '0' }, { limit: '3.0-1' });
  assert.equal(inRange('2.9-1', r, compareRpm), true);
  assert.equal(inRange('3.0-1', r, compareRpm), false);
  assert.equal(inRange('9', range({ introduced: '0' }, { limit: '*' }), compareRpm), true);
});

test('several introduced/fixed pairs in one range, events in any order', () => {
  const r = range({ fixed: '1.5' }, { introduced: '2.0' }, { introduced: '1.0' }, { fixed: '2.3' });
  for (const [v, want] of [['0.9', false], ['1.0', true], ['1.4', true], ['1.5', false], ['1.9', false], ['2.0', true], ['2.2', true], ['2.3', false]] as const) {
    assert.equal(inRange(v, r, compareDpkg), want, v);
  }
  assert.deepEqual(affectedBy('2.1', { ranges: [r] }, compareDpkg), { fixed: '2.3' });
  assert.deepEqual(affectedBy('1.1', { ranges: [r] }, compareDpkg), { fixed: '1.5' }, 'the nearest fix above the installed version');
});

test('epochs order before everything (dpkg and rpm)', () => {
  assert.equal(inRange('1:1.2.13.dfsg-1', range({ introduced: '0' }, { fixed: '1:1.2.13.dfsg-2' }), compareDpkg), true);
  assert.equal(inRange('1:1.0-1', range({ introduced: '0' }, { fixed: '2.0-1' }), compareRpm), false);
});

test('explicit versions match exactly; GIT and SEMVER ranges are not OS-package ranges', () => {
  assert.deepEqual(affectedBy('1.0-1', { versions: ['1.0-1'] }, compareDpkg), {});
  assert.equal(affectedBy('1.0-2', { versions: ['1.0-1'] }, compareDpkg), undefined);
  assert.equal(affectedBy('1.0-1', { ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] }, compareDpkg), undefined);
});
