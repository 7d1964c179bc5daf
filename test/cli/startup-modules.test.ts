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

/** Packages of other commands (image, signatures, cluster, serve, netpol, db) and of other inputs (YAML, run lines). */
const HEAVY = ['@kubernetes/client-node', '@sigstore/', 'jose', 'cbor2', '@noble/', '@peculiar/x509', 'prom-client', 'sql.js', 'elkjs', 'piscina', 'tar-stream', 'fflate', 'fzstd', 'mvdan-sh', 'hpagent', 'js-yaml'];

/** Parsers of the other kinds of input, as compiled modules. */
const OTHER_PARSERS = ['sources/yaml/parse-yaml.js', 'sources/kubernetes/kubernetes-source.js', 'sources/compose/compose-source.js', 'sources/quadlet/quadlet-source.js', 'sources/command-line/command-line-source.js', 'config/parse-config.js'];

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

function assertLight(files: string[], allowed: string[] = []): void {
  const packages = files.filter((f) => f.includes('/node_modules/'));
  for (const heavy of HEAVY.filter((h) => !allowed.includes(h))) {
    const hit = packages.find((f) => f.includes(`/node_modules/${heavy}`));
    assert.equal(hit, undefined, `the scan loaded ${heavy} (${hit})`);
  }
}

const MAIN = pathToFileURL(join(repoRoot, 'dist/src/cli/main.js')).href;
/** `node -e` running the compiled CLI (dist/src) with the arguments after it. */
const COMPILED = ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1));`];

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
    const r = loadedBy(dir, [...COMPILED, 'scan', 'Containerfile', '--format', 'json', '--output', 'report.json']);
    assert.equal(r.status, 1, r.stderr); // findings: the scan ran
    assert.ok(r.files.some((f) => f.endsWith('/dist/src/sources/dockerfile/parse-dockerfile.js')), 'the log records what was loaded');
    assertLight(r.files);
    for (const parser of OTHER_PARSERS) assert.ok(!r.files.some((f) => f.endsWith(`/dist/src/${parser}`)), `a Containerfile scan loaded ${parser}`);
    assert.match(readFileSync(join(dir, 'report.json'), 'utf8'), /"ruleId": "recommended-packages-installed"/);
  });
});

test('a Kubernetes manifest scan loads the YAML reader but not the parsers of the other kinds', () => {
  withScratch((dir) => {
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n');
    const r = loadedBy(dir, [...COMPILED, 'scan', 'pod.yaml', '--format', 'json', '--output', 'report.json']);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.files.some((f) => f.includes('/node_modules/js-yaml/')), 'js-yaml is loaded for YAML');
    assertLight(r.files, ['js-yaml']);
    for (const parser of ['sources/dockerfile/dockerfile-source.js', 'sources/compose/compose-source.js', 'sources/quadlet/quadlet-source.js', 'sources/command-line/command-line-source.js']) {
      assert.ok(!r.files.some((f) => f.endsWith(`/dist/src/${parser}`)), `a manifest scan loaded ${parser}`);
    }
    assert.match(readFileSync(join(dir, 'report.json'), 'utf8'), /"ruleId": "run-as-root"/);
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
    // js-yaml is inside the bundle (scripts/bundle-cli.ts), initialised only for YAML:
    // that it stays unloaded is checked on the compiled path above.
    assertLight(r.files);
    assert.match(readFileSync(join(dir, 'report.json'), 'utf8'), /"ruleId": "recommended-packages-installed"/);
  });
});

test('the bundled start-up path and the compiled modules write the same reports', (t) => {
  const made = statSync(join(repoRoot, 'dist/bundle/cli/scan.cjs'), { throwIfNoEntry: false })?.mtimeMs;
  const compiled = statSync(join(repoRoot, 'dist/.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const skip = prerequisite(made !== undefined && made >= compiled, 'a current start-up bundle (run npm run build)');
  if (skip) return t.skip(skip);
  for (const format of ['text', 'json', 'sarif']) {
    const argv = ['scan', 'examples', '--format', format, '--no-color'];
    const compiledRun = spawnSync(process.execPath, [...COMPILED, ...argv], { cwd: repoRoot, encoding: 'utf8' });
    const bundled = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), ...argv], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(compiledRun.status, 1, compiledRun.stderr);
    assert.ok(compiledRun.stdout.length > 1000, `a ${format} report of examples/`);
    assert.equal(bundled.status, compiledRun.status, bundled.stderr);
    assert.equal(bundled.stdout, compiledRun.stdout, `${format} report`);
    assert.equal(bundled.stderr, compiledRun.stderr, `${format} standard error`);
  }
});
