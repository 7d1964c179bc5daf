/**
 * The dpkg, rpm and apk comparators against every ordering vector in
 * ../shared/conformance/vulnerabilities/versions/ (checked upstream with dpkg,
 * librpm and apk-tools). Agreement must be 100 %: one wrong row is a wrong
 * fixed/unfixed verdict somewhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, needConformance } from '../support/prerequisites.js';
import { compareApk, compareDpkg, compareRpm, type VersionComparator } from '../../src/advisories/compare-version.js';

const skip = needConformance('vulnerabilities/versions');

function rows(file: string): Array<[string, string, string, number]> {
  const text = readFileSync(join(conformanceDir, 'vulnerabilities/versions', file), 'utf8');
  const out: Array<[string, string, string, number]> = [];
  let header = false;
  text.split('\n').forEach((line, i) => {
    if (!line || line.startsWith('#')) return;
    if (!header) {
      header = true;
      return;
    }
    const [a, op, b] = line.split('\t');
    assert.ok(a !== undefined && b !== undefined && (op === '<' || op === '=' || op === '>'), `${file}:${i + 1}: bad row`);
    out.push([a, op, b, i + 1]);
  });
  return out;
}

function agree(file: string, compare: VersionComparator, expectedRows: number): void {
  const all = rows(file);
  assert.equal(all.length, expectedRows, `${file}: row count`);
  const wrong: string[] = [];
  for (const [a, op, b, line] of all) {
    const c = Math.sign(compare(a, b));
    const back = Math.sign(compare(b, a));
    const got = c < 0 ? '<' : c > 0 ? '>' : '=';
    if (got !== op || back !== -c) wrong.push(`${file}:${line}: ${a} ${op} ${b}, got ${got} (reverse ${back})`);
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${all.length} rows disagree`);
}

test('dpkg comparator agrees with dpkg --compare-versions on every row', { skip }, () => agree('dpkg.tsv', compareDpkg, 1398));
test('rpm comparator agrees with librpm on every row', { skip }, () => agree('rpm.tsv', compareRpm, 4350));
test('apk comparator agrees with apk version -t on every row', { skip }, () => agree('apk.tsv', compareApk, 14019));
