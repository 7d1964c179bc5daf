/**
 * Golden tests of `seaworthy fix --write`: each folder under golden/ holds `in/`
 * (inputs of one kind, comments at every position, the guides' insecure examples)
 * and `out/` (what a reviewer accepted). Regenerate with UPDATE_GOLDEN=1 after an
 * intended change, and read the diff.
 *
 * Besides the text, each case checks the guarantees: a second fix changes nothing;
 * no line is removed except one an edit rewrote in place (a flow collection, a
 * completed value); findings of rules with a fix that remain were there before
 * (explicit values, suppressions) — the fix adds none of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';
import { FIXABLE_RULES } from '../../src/edits/fix-catalogue.js';
import { assertCommentsKept, assertOnlyEditedLinesChange, assertOrderKept } from '../support/edited-lines.js';

const bin = join(repoRoot, 'bin/seaworthy.js');
const goldenDir = join(repoRoot, 'test/edits/golden');
const args = readFileSync(join(repoRoot, 'test/edits/golden.args'), 'utf8').trim().split(/\s+/);

function cli(argv: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scanFindings(dir: string): { ruleId: string; message: string }[] {
  const r = cli(['scan', '.', '--format', 'json', '--fail-on', 'none'], dir);
  return (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string }[] }).findings;
}

for (const name of readdirSync(goldenDir).sort()) {
  test(`fix golden: ${name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), `seaworthy-golden-${name}-`));
    try {
      cpSync(join(goldenDir, name, 'in'), dir, { recursive: true });
      const before = scanFindings(dir);
      const r = cli(['fix', '--write', '.', ...args], dir);
      assert.notEqual(r.code, 2, r.stderr);
      const outDir = join(goldenDir, name, 'out');
      for (const file of readdirSync(join(goldenDir, name, 'in'))) {
        const input = readFileSync(join(goldenDir, name, 'in', file), 'utf8');
        const fixed = readFileSync(join(dir, file), 'utf8');
        if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(join(outDir, file))) {
          mkdirSync(outDir, { recursive: true });
          writeFileSync(join(outDir, file), fixed);
        }
        assert.equal(fixed, readFileSync(join(outDir, file), 'utf8'), `${name}/${file} differs from its golden output`);
        assertOnlyEditedLinesChange(input, fixed, `${name}/${file}`);
        assertOrderKept(input, fixed, `${name}/${file}`);
        assertCommentsKept(input, fixed, `${name}/${file}`);
      }
      // Idempotent: a second fix proposes nothing.
      const again = cli(['fix', '.', ...args], dir);
      assert.equal(again.stdout, '', `a second fix of ${name} changed something:\n${again.stdout}`);
      // The fix leaves no finding of a fixable rule that was not there before (and
      // privileged-port follows from running as non-root: it is new by design).
      const after = scanFindings(dir);
      const old = new Set(before.map((f) => `${f.ruleId}\u0000${f.message}`));
      const added = after.filter((f) => FIXABLE_RULES.has(f.ruleId) && !old.has(`${f.ruleId}\u0000${f.message}`));
      assert.deepEqual(added, [], `${name}: the fix introduced findings`);
      assert.ok(after.filter((f) => FIXABLE_RULES.has(f.ruleId)).length < before.filter((f) => FIXABLE_RULES.has(f.ruleId)).length || !before.some((f) => FIXABLE_RULES.has(f.ruleId)), `${name}: nothing was fixed`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
