/**
 * Start-up (issue 11): a scan loads only what its inputs need. A scan of one
 * Containerfile runs in a child process that records every module it loads (ES
 * modules through a loader hook, CommonJS through require.cache), once through the
 * compiled modules (dist/src) and once through bin/seaworthy.js, which takes the
 * bundled start-up path (scripts/bundle-cli.ts) after `npm run build`; the heavy
 * packages of the other commands must not be among them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prerequisite, repoRoot } from '../support/prerequisites.js';

/** Packages of other commands (image, signatures, cluster, serve, netpol, db) and of other inputs. */
const HEAVY = ['@kubernetes/client-node', '@sigstore/', 'jose', 'cbor2', '@noble/', '@peculiar/x509', 'prom-client', 'sql.js', 'elkjs', 'piscina', 'tar-stream', 'fflate', 'fzstd', 'mvdan-sh', 'hpagent'];

const CONTAINERFILE = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nUSER 10001\nCMD ["/bin/true"]\n';

/** Runs `node [nodeArgs…] <argv…>` with every loaded module written to a log; returns the loaded files. */
function loadedBy(dir: string, argv: string[]): { files: string[]; status: number | null; stderr: string } {
  const log = join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`);
  const preload = join(dir, 'preload.cjs');
  writeFileSync(
    preload,
    `const { appendFileSync } = require('node:fs');\nrequire('node:module').register(${JSON.stringify(pathToFileURL(hooks).href)});\nprocess.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n') + '\\n'));\n`,
  );
  const r = spawnSync(process.execPath, ['--require', preload, ...argv], { cwd: dir, encoding: 'utf8' });
  let files: string[] = [];
  try {
    files = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    // Nothing loaded at all: the assertions below say so.
  }
  return { files, status: r.status, stderr: r.stderr };
}

function assertLight(files: string[]): void {
  const packages = files.filter((f) => f.includes('/node_modules/'));
  for (const heavy of HEAVY) {
    const hit = packages.find((f) => f.includes(`/node_modules/${heavy}`));
    assert.equal(hit, undefined, `a Containerfile scan loaded ${heavy} (${hit})`);
  }
}

function withScratch(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'sw-startup-'));
  try {
    writeFileSync(join(dir, 'Containerfile'), CONTAINERFILE);
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a Containerfile scan through the compiled modules loads none of the heavy packages', () => {
  withScratch((dir) => {
    const main = pathToFileURL(join(repoRoot, 'dist/src/cli/main.js')).href;
    const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
    const r = loadedBy(dir, ['--input-type=module', '-e', script, 'scan', 'Containerfile', '--format', 'json', '--output', 'report.json']);
    assert.equal(r.status, 1, r.stderr); // findings: the scan ran
    assert.ok(r.files.some((f) => f.endsWith('/dist/src/sources/dockerfile/parse-dockerfile.js')), 'the log records what was loaded');
    assertLight(r.files);
    assert.match(readFileSync(join(dir, 'report.json'), 'utf8'), /"ruleId": "recommended-packages-installed"/);
  });
});

test('bin/seaworthy.js scans a Containerfile from the bundle, loading none of the compiled modules nor the heavy packages', (t) => {
  // `npm run build` makes the bundle after compiling; a bare `tsc -p .` since leaves it stale.
  const made = statSync(join(repoRoot, 'dist/bundle/cli/scan.cjs'), { throwIfNoEntry: false })?.mtimeMs;
  const compiled = statSync(join(repoRoot, 'dist/.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const skip = prerequisite(made !== undefined && made >= compiled, 'a current start-up bundle (run npm run build)');
  if (skip) return t.skip(skip);
  withScratch((dir) => {
    const r = loadedBy(dir, [join(repoRoot, 'bin/seaworthy.js'), 'scan', 'Containerfile', '--format', 'json', '--output', 'report.json']);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.files.some((f) => f.endsWith('/bin/seaworthy.js')), 'the log records what was loaded');
    assert.deepEqual(
      r.files.filter((f) => f.includes('/dist/src/')),
      [],
      'the bundled path loads no compiled module',
    );
    assertLight(r.files);
    assert.match(readFileSync(join(dir, 'report.json'), 'utf8'), /"ruleId": "recommended-packages-installed"/);
  });
});

test('the bundled start-up path and the compiled modules write the same reports', (t) => {
  const made = statSync(join(repoRoot, 'dist/bundle/cli/scan.cjs'), { throwIfNoEntry: false })?.mtimeMs;
  const compiled = statSync(join(repoRoot, 'dist/.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const skip = prerequisite(made !== undefined && made >= compiled, 'a current start-up bundle (run npm run build)');
  if (skip) return t.skip(skip);
  const main = pathToFileURL(join(repoRoot, 'dist/src/cli/main.js')).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  for (const format of ['text', 'json', 'sarif']) {
    const argv = ['scan', 'examples', '--format', format, '--no-color'];
    const compiledRun = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...argv], { cwd: repoRoot, encoding: 'utf8' });
    const bundled = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), ...argv], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(compiledRun.status, 1, compiledRun.stderr);
    assert.ok(compiledRun.stdout.length > 1000, `a ${format} report of examples/`);
    assert.equal(bundled.status, compiledRun.status, bundled.stderr);
    assert.equal(bundled.stdout, compiledRun.stdout, `${format} report`);
    assert.equal(bundled.stderr, compiledRun.stderr, `${format} standard error`);
  }
});
