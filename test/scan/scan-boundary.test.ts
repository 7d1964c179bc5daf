/**
 * Stay inside the tree: files that inputs name (Compose env_file and extends,
 * Quadlet Yaml= and EnvironmentFile=) and symlinks met in a walk are read only when
 * they resolve inside the scanned roots; otherwise a warning names the reference.
 * `--follow-outside` reads them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScan } from '../../src/scan/run-scan.js';
import { insideRoots, outsideBoundary, scanBoundary } from '../../src/scan/scan-boundary.js';

let base: string;
let repo: string;
let outside: string;
const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'seaworthy-boundary-'));
  repo = join(base, 'repo');
  outside = join(base, 'outside');
  await mkdir(join(outside, 'app'), { recursive: true });
  await mkdir(join(repo, 'units'), { recursive: true });
  await writeFile(join(outside, 'leak.env'), `STRIPE_KEY=${SECRET}\n`);
  await writeFile(join(outside, 'base.yaml'), 'services:\n  base:\n    image: nginx:1.27\n    privileged: true\n');
  await writeFile(join(outside, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n');
  await writeFile(join(outside, 'app', 'Containerfile'), 'FROM alpine:3.20\nUSER root\n');
  await writeFile(
    join(repo, 'compose.yaml'),
    `services:\n  web:\n    image: nginx:1.27\n    env_file: ../outside/leak.env\n  abs:\n    image: nginx:1.27\n    env_file: ${join(outside, 'leak.env')}\n  ext:\n    extends:\n      file: ../outside/base.yaml\n      service: base\n`,
  );
  await writeFile(join(repo, 'units', 'app.kube'), `[Kube]\nYaml=${join(outside, 'pod.yaml')}\n`);
  // A link inside the tree that leads out, and one that stays in.
  await symlink(join(outside, 'app'), join(repo, 'linked-app'));
  await symlink(join(outside, 'leak.env'), join(repo, 'local.env'));
  await mkdir(join(repo, 'inner'));
  await writeFile(join(repo, 'inner', 'Containerfile'), 'FROM alpine:3.20\nUSER 10001\n');
  await symlink(join(repo, 'inner'), join(repo, 'inner-link'));
});

after(async () => {
  await rm(base, { recursive: true, force: true });
});

test('files named by inputs outside the scanned tree are not read, each with a warning', async () => {
  const { result, model } = await runScan([repo]);
  const files = [...model.files.keys()];
  assert.ok(!files.some((f) => f.includes('outside')), `read outside the tree: ${files.join(', ')}`);
  const warnings = (result.warnings ?? []).filter((w) => w.code === 'outside-tree');
  const about = (needle: string): boolean => warnings.some((w) => w.message.includes(needle));
  assert.ok(about('../outside/leak.env'), JSON.stringify(warnings));
  assert.ok(about(join(outside, 'leak.env')));
  assert.ok(about('../outside/base.yaml'), 'extends.file');
  assert.ok(about(join(outside, 'pod.yaml')), 'Quadlet Yaml=');
  assert.ok(about(join(outside, 'app')), 'a symlinked directory that leads out');
  assert.ok(warnings.every((w) => /--follow-outside/.test(w.message)), 'each warning says how to allow it');
  assert.ok(!result.findings.some((f) => f.location.file.includes('linked-app')), 'nothing under the outward link was scanned');
  assert.ok(!JSON.stringify(result).includes(SECRET), 'the outside secret never reaches the report');
  // A link that stays inside the tree is followed as before.
  assert.ok(files.some((f) => f.endsWith(join('inner-link', 'Containerfile'))) || files.some((f) => f.endsWith(join('inner', 'Containerfile'))));
  assert.equal(result.errors.length, 0, JSON.stringify(result.errors));
});

test('--follow-outside reads them', async () => {
  const { result, model } = await runScan([repo], { followOutside: true });
  const files = [...model.files.keys()];
  assert.ok(files.some((f) => f.endsWith('leak.env')), files.join(', '));
  assert.ok(files.some((f) => f.endsWith('base.yaml')));
  assert.ok(files.some((f) => f.endsWith('pod.yaml')));
  assert.ok(result.findings.some((f) => f.ruleId === 'run-as-root' && f.location.file.includes('linked-app')), 'the linked directory is scanned');
  assert.ok(!(result.warnings ?? []).some((w) => w.code === 'outside-tree'));
});

test('the roots of a scan: directories, the folder of a named file, the current directory for stdin', () => {
  const b = scanBoundary([repo, join(outside, 'leak.env'), '-'], false, (p) => p === repo);
  assert.ok(b.roots.some((r) => r.endsWith('repo')));
  assert.ok(b.roots.some((r) => r.endsWith('outside')));
  assert.ok(b.roots.includes(process.cwd()) || b.roots.some((r) => process.cwd().startsWith(r)));
  assert.ok(insideRoots('/a/b/c', ['/a/b']));
  assert.ok(!insideRoots('/a/bc', ['/a/b']), 'a sibling with a common prefix is outside');
  // A path that does not exist cannot slip past: it resolves through its parent.
  assert.ok(outsideBoundary(join(repo, '..', 'outside', 'nope.env'), { roots: [repo], followOutside: false }) !== undefined);
  assert.equal(outsideBoundary(join(repo, 'nope.env'), scanBoundary([repo], false, () => true)), undefined);
});
