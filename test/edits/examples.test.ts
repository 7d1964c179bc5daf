/**
 * The promise: `seaworthy fix --write examples/` turns the insecure examples
 * into files that scan clean of every rule a fix can settle, with diffs a reviewer
 * accepts line by line (comments and order kept, lines only added or rewritten in
 * place), and leaves the hardened ones as they are. The limits and bind address
 * come from the `fix:` section of examples/.seaworthy.yaml.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';
import { assertCommentsKept, assertOnlyEditedLinesChange, assertOrderKept } from '../support/edited-lines.js';
import { FIXABLE_RULES } from '../../src/edits/fix-catalogue.js';

const bin = join(repoRoot, 'bin/seaworthy.js');

interface Finding {
  ruleId: string;
  location: { file: string };
}

function scan(dir: string): Finding[] {
  const r = spawnSync(process.execPath, [bin, 'scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: dir, encoding: 'utf8' });
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
}

test('fix --write examples/ leaves no finding a fix can settle, keeps comments and order, and leaves the hardened examples untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-examples-'));
  try {
    cpSync(join(repoRoot, 'examples'), dir, { recursive: true });
    const before = scan(dir);
    const fixableBefore = new Set(before.filter((f) => FIXABLE_RULES.has(f.ruleId)).map((f) => f.location.file));
    const r = spawnSync(process.execPath, [bin, 'fix', '--write', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, 'secrets, pinning and the socket mount are left for a decision');
    for (const file of readdirSync(join(dir, 'hardened'))) {
      assert.equal(readFileSync(join(dir, 'hardened', file), 'utf8'), readFileSync(join(repoRoot, 'examples/hardened', file), 'utf8'), `hardened/${file} changed`);
    }
    assert.deepEqual(scan(dir).filter((f) => FIXABLE_RULES.has(f.ruleId)), []);
    // Every input kind is among the examples the fix had something to do in.
    const insecure = readdirSync(join(dir, 'insecure'));
    for (const kind of [/\.ya?ml$/, /compose\.yaml$/, /\.container$/, /\.pod$/, /\.sh$/, /Containerfile$/]) {
      assert.ok(insecure.some((file) => kind.test(file) && fixableBefore.has(`insecure/${file}`)), `an insecure example matching ${kind} has fixable findings`);
    }
    for (const file of insecure) {
      const original = readFileSync(join(repoRoot, 'examples/insecure', file), 'utf8');
      const fixed = readFileSync(join(dir, 'insecure', file), 'utf8');
      if (!fixableBefore.has(`insecure/${file}`)) continue;
      assert.notEqual(fixed, original, `insecure/${file} was not fixed`);
      assertOnlyEditedLinesChange(original, fixed, `insecure/${file}`);
      assertOrderKept(original, fixed, `insecure/${file}`);
      assertCommentsKept(original, fixed, `insecure/${file}`);
    }
    // Fixing again changes nothing.
    const again = spawnSync(process.execPath, [bin, 'fix', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(again.stdout, '', `a second fix changed something:\n${again.stdout}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
