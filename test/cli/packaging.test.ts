/**
 * The package as users get it: a LICENSE, no install script (npm warns about them
 * and some installs refuse them), built files inside, and a checkout that was
 * never built says so in one line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';

test('the packed package: LICENSE and built code inside, no install-time script', () => {
  assert.match(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { license: string; scripts: Record<string, string> };
  assert.equal(pkg.license, 'Apache-2.0');
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(pkg.scripts[hook], undefined, `no ${hook} script`);
  // What `npm pack` would put in the tarball (scripts not run: the tree is built already).
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [packed] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  const paths = new Set(packed!.files.map((f) => f.path));
  for (const path of ['LICENSE', 'package.json', 'bin/seaworthy.js', 'bin/package.json', 'dist/src/cli/main.js', 'dist/src/index.js', 'dist/bundle/cli/scan.cjs', 'dist/bundle/cli/scan.cjs.cache']) assert.ok(paths.has(path), path);
  assert.ok(![...paths].some((p) => p.startsWith('dist/test/') || p.startsWith('src/')), 'tests and sources stay out');
});

test('bin/seaworthy.js in a checkout that was never built prints one clear line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-unbuilt-'));
  try {
    cpSync(join(repoRoot, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
    assert.equal(existsSync(join(dir, 'dist')), false);
    const r = spawnSync(process.execPath, [join(dir, 'bin/seaworthy.js'), 'scan', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "seaworthy: not built yet: run 'npm ci && npm run build' in this checkout first\n");
    // --version needs no build.
    assert.match(spawnSync(process.execPath, [join(dir, 'bin/seaworthy.js'), '--version'], { encoding: 'utf8' }).stdout, /^\d+\.\d+\.\d+/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
