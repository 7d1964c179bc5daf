/**
 * The promise: `seaworthy fix --write examples/` turns the insecure examples
 * into files that scan clean of every rule a fix can settle, and leaves the
 * hardened ones as they are. The limits and bind address come from the `fix:`
 * section of examples/.seaworthy.yaml.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';
import { FIXABLE_RULES } from '../../src/edits/fix-catalogue.js';

const bin = join(repoRoot, 'bin/seaworthy.js');

test('fix --write examples/ leaves no finding a fix can settle, and the hardened examples untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-examples-'));
  try {
    cpSync(join(repoRoot, 'examples'), dir, { recursive: true });
    const r = spawnSync(process.execPath, [bin, 'fix', '--write', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, 'secrets, pinning and the socket mount are left for a decision');
    for (const file of readdirSync(join(dir, 'hardened'))) {
      assert.equal(readFileSync(join(dir, 'hardened', file), 'utf8'), readFileSync(join(repoRoot, 'examples/hardened', file), 'utf8'), `hardened/${file} changed`);
    }
    const scan = spawnSync(process.execPath, [bin, 'scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: dir, encoding: 'utf8' });
    const left = (JSON.parse(scan.stdout) as { findings: { ruleId: string; location: { file: string } }[] }).findings.filter((f) => FIXABLE_RULES.has(f.ruleId));
    assert.deepEqual(left, []);
    for (const file of readdirSync(join(dir, 'insecure'))) {
      assert.notEqual(readFileSync(join(dir, 'insecure', file), 'utf8'), readFileSync(join(repoRoot, 'examples/insecure', file), 'utf8'), `insecure/${file} was not fixed`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
