/**
 * Makes the start-up path of `seaworthy scan` (bin/seaworthy.js takes it when these
 * files are newer than the last compile): the compiled CLI bundled by esbuild into one
 * CommonJS file, dist/bundle/cli/scan.cjs, and V8's code cache for it, scan.cjs.cache.
 *
 * Why: Node 20 has no compile cache for ES modules (module.enableCompileCache is 22.1+),
 * and its ES module loader pays for every file it resolves and reads; a one-file scan
 * went through over 200 of them. One script compiled with vm.Script can take V8's
 * cached code instead of parsing and compiling again. The cache is made here, after
 * training scans (TRAINING below), so the functions a scan runs are in it too; a Node whose
 * V8 differs rejects it and compiles as usual (slower, same result).
 *
 * Only `scan` goes this way: packages that exist only as ES modules (jose, cbor2,
 * @noble/curves, @kubernetes/client-node) cannot be required by every Node 20, and a
 * vm.Script's own import() is experimental. So the other commands and
 * `--resolve-images` stay on the compiled ES modules (dist/src), kept out of the
 * bundle by `outside()` below. picomatch (every scan loads it) and js-yaml are bundled,
 * so the code cache covers them; js-yaml is initialised only when a YAML input or a
 * configuration file is read, as the parsers of each kind are (sources/source-kinds.ts).
 * The other packages are required from node_modules as before (mvdan-sh for run lines).
 *
 * Run by `npm run build` (and so by `npm start`, `npm test`, `npm run bench`, prepack).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { build, type Plugin } from 'esbuild';

// dist/scripts/bundle-cli.js → the repository root.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Three folders deep like dist/src/cli, so what is found relative to a module's own
 * URL is found from the bundle too: src/cli/version.ts reads ../../../package.json.
 */
const outdir = resolve(root, 'dist/bundle/cli');
const bundle = join(outdir, 'scan.cjs');

/** Packages bundled in; every other one is required from node_modules at run time. */
const BUNDLED = new Set(['picomatch', 'js-yaml']);

/**
 * What the scan path never reaches, left as an import() that fails if it ever is: the
 * other commands (main.ts loads each lazily) and the signature verifiers behind
 * `--resolve-images` (bin/seaworthy.js sends both to dist/src).
 */
function isOutside(path: string, importer: string): boolean {
  return (importer.endsWith('/cli/main.js') && path !== './scan-command.js') || path.endsWith('/signatures/resolve-images.js');
}

const outside: Plugin = {
  name: 'seaworthy-outside',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'dynamic-import' && isOutside(args.path, args.importer)) return { path: args.path, external: true };
      if (/^[./]/.test(args.path)) return undefined;
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]!;
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

async function bundleScan(): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['dist/src/cli/main.js'],
    outfile: bundle,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    plugins: [outside],
    // CommonJS has no import.meta: the bundle's own URL stands in for each module's.
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__bundleUrl' },
    logLevel: 'warning',
  });
}

/**
 * What the training scans read: the start-up that matters is that of a scan of one or
 * a few files in a pre-commit hook or an editor, and these are mostly Containerfiles
 * and manifests. Functions compiled for them go into the cache; a bigger cache costs
 * every start its reading (about 20 ms per MB): trained on all of examples/ (every
 * kind, a configuration file) the cache was 0.9 MB and a one-Containerfile scan 17 ms
 * slower. Other kinds compile their parser at run time, as without a cache.
 */
const TRAINING: Record<string, string> = {
  Containerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nCMD ["/app/run"]\n',
  'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n',
};

/**
 * Compiles the bundle as bin/seaworthy.js does, runs the training scans with their
 * reports thrown away, then writes the code V8 has compiled by then.
 */
async function writeCodeCache(): Promise<void> {
  const source = readFileSync(bundle, 'utf8');
  const script = new Script(Module.wrap(source), { filename: bundle });
  const mod = { exports: {} as { main(argv: string[]): Promise<number> } };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, createRequire(bundle), mod, bundle, outdir);
  const scratch = mkdtempSync(join(tmpdir(), 'seaworthy-bundle-'));
  const stderrWrite = process.stderr.write;
  try {
    for (const [name, text] of Object.entries(TRAINING)) writeFileSync(join(scratch, name), text);
    // The summary line of a training scan is not the build's to print.
    process.stderr.write = () => true;
    for (const name of Object.keys(TRAINING)) {
      for (const format of ['text', 'json']) {
        const report = join(scratch, `report.${format}`);
        const code = await mod.exports.main(['scan', join(scratch, name), '--format', format, '--output', report]);
        if (code !== 1 || !readFileSync(report, 'utf8').includes('run-as-root')) throw new Error(`the training scan of ${name} with ${bundle} exited ${code} without the findings it has`);
      }
    }
  } finally {
    process.stderr.write = stderrWrite;
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(`${bundle}.cache`, script.createCachedData());
}

await bundleScan();
await writeCodeCache();
