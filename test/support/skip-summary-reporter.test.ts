import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './prerequisites.js';

test('skipped suites and tests are counted and named at the end of the run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-skips-'));
  try {
    const file = join(dir, 'demo.test.mjs');
    writeFileSync(
      file,
      [
        "import { describe, test } from 'node:test';",
        "describe('real images', { skip: 'prerequisite missing: buildah not on PATH' }, () => { test('a', () => {}); test('b', () => {}); });",
        "test('zstd layers', { skip: 'prerequisite missing: zstd not on PATH' }, () => {});",
        "test('runs', () => {});",
      ].join('\n'),
    );
    const reporter = join(repoRoot, 'dist/test/support/skip-summary-reporter.js');
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', '--test-reporter-destination=stdout', `--test-reporter=${reporter}`, '--test-reporter-destination=stdout', file], { encoding: 'utf8', env: { ...process.env, CI: '', NODE_TEST_CONTEXT: undefined } });
    assert.equal(r.status, 0, r.stderr);
    // Node's own count leaves the skipped suite out; the summary names both.
    assert.match(r.stdout, /# skipped 1\n/);
    assert.match(r.stdout, /# skipped, suites included: 2\n# - real images \(.*demo\.test\.mjs\): prerequisite missing: buildah not on PATH\n# - zstd layers \(.*\): prerequisite missing: zstd not on PATH\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
