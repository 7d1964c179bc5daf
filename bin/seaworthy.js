#!/usr/bin/env node
// Entry point. It runs in pre-commit hooks and editors, where start-up time is felt on
// every keystroke: `--version` is answered before anything else is loaded, and this
// file is CommonJS (bin/package.json) so that starting it costs Node 20 no ES module
// loader; the CLI itself is loaded as the ES modules in dist/src, or for `scan` from
// one bundled script with V8's code cache (see fastScan below).
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const first = process.argv[2];
if (first === '--version' || first === '-V' || first === 'version') {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const loaded = fastScan();
  (loaded ? Promise.resolve(loaded) : import('../dist/src/cli/main.js').catch(notBuilt))
    .then((cli) => cli.main(process.argv.slice(2)))
    .then((code) => {
      process.exitCode = code;
    });
}

/** A checkout before its first build: one line that says what to do, not a stack. */
function notBuilt(error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/src/cli/main.js')) throw error;
  process.stderr.write("seaworthy: not built yet: run 'npm ci && npm run build' in this checkout first\n");
  process.exit(2);
}

/**
 * `scan` starts from one bundled script and V8's cached code for it
 * (scripts/bundle-cli.ts, made by `npm run build`): Node 20 caches no compiled ES
 * modules, and loading the CLI's modules one by one cost more than the scan of a small
 * file. Used only when the bundle was made after the last compile (a bare `tsc -p .`
 * since then leaves it stale; an installed package has no .tsbuildinfo), and not for
 * --resolve-images, whose verifiers are ES modules only (the bundle leaves them out).
 * Returns undefined to take the compiled modules instead.
 */
function fastScan() {
  if (first !== 'scan' || process.argv.includes('--resolve-images')) return undefined;
  const file = join(root, 'dist/bundle/cli/scan.cjs');
  const made = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  const compiled = statSync(join(root, 'dist/.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs;
  if (made === undefined || (compiled !== undefined && compiled > made)) return undefined;
  return loadBundle(file);
}

/** Runs a CommonJS bundle as Node's own loader would, but with its code cache when V8 takes it. */
function loadBundle(file) {
  const { Script } = require('node:vm');
  const Module = require('node:module');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache: V8 compiles the bundle itself.
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData && { cachedData }) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, join(file, '..'));
  return module.exports;
}
