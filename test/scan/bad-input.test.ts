import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan.js';
import { firstInvalidUtf8 } from '../../src/scan/read-input.js';
import { spawnSync } from 'node:child_process';
import { needPrograms, repoRoot } from '../support/prerequisites.js';

let dir: string;
const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n    - name: c\n      image: x:1\n      securityContext: {privileged: true}\n';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seaworthy-bad-'));
  await writeFile(join(dir, 'good.yaml'), pod);
  await writeFile(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n');
  await writeFile(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x3a, 0x0a, 0x00, 0x01, 0x02]));
  await writeFile(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  await writeFile(join(dir, 'big.yaml'), pod + '#'.repeat(4096) + '\n');
  await writeFile(join(dir, 'Containerfile'), 'FROM\n');
  await writeFile(join(dir, 'notes.txt'), 'not an input\n');
  await mkdir(join(dir, 'loop'));
  await symlink('..', join(dir, 'loop', 'up'));
  await symlink('self.yaml', join(dir, 'self.yaml'));
  await mkdir(join(dir, 'node_modules'));
  await writeFile(join(dir, 'node_modules', 'skipped.yaml'), pod);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('every bad file is an error with file (and line where there is one); good files are still scanned', async () => {
  const out = await scanPaths([dir], { maxFileSize: 1024 });
  const byFile = new Map(out.errors.map((e) => [e.file.slice(dir.length + 1), e]));
  assert.equal(byFile.get('broken.yaml')?.code, 'parse');
  assert.ok((byFile.get('broken.yaml')?.line ?? 0) >= 4); // the unclosed flow sequence is noticed at its end
  assert.equal(byFile.get('binary.yaml')?.code, 'binary');
  assert.equal(byFile.get('binary.yaml')?.line, 2);
  assert.equal(byFile.get('latin1.yaml')?.code, 'encoding');
  assert.deepEqual([byFile.get('latin1.yaml')?.line, byFile.get('latin1.yaml')?.column], [4, 12]);
  assert.equal(byFile.get('big.yaml')?.code, 'size');
  assert.match(byFile.get('big.yaml')!.message, /over the 1 KiB limit/);
  assert.equal(byFile.get('Containerfile')?.code, 'parse');
  assert.equal(byFile.get('Containerfile')?.line, 1);
  // A link that leads nowhere, met in a walk, is not an unreadable input: a warning.
  assert.equal(byFile.get('self.yaml'), undefined);
  const selfLink = out.warnings.find((w) => w.file.endsWith('self.yaml'));
  assert.equal(selfLink?.code, 'broken-link');
  assert.match(selfLink!.message, /symlink loop/);
  assert.ok(out.errors.some((e) => e.code === 'loop'), 'the directory symlink loop is reported once and not followed');
  assert.ok(!out.errors.some((e) => e.file.includes('notes.txt')), 'files of no known kind in a directory are skipped quietly');
  // the good file was scanned and judged, node_modules was not
  const files = new Set(out.findings.map((f) => f.location.file.slice(dir.length + 1)));
  assert.ok(files.has('good.yaml'));
  assert.ok(![...files].some((f) => f.includes('node_modules')));
  for (const e of out.errors) assert.ok(!/\n\s+at /.test(e.message), 'no stack traces in messages');
});

test('a file named explicitly that is of no known kind is reported', async () => {
  const out = await scanPaths([join(dir, 'notes.txt'), join(dir, 'missing.yaml')]);
  assert.deepEqual(out.errors.map((e) => e.code).sort(), ['read', 'unknown-input']);
});

test('an unreadable file is an error, and the scan goes on', async () => {
  const p = join(dir, 'locked.yaml');
  await writeFile(p, pod);
  await chmod(p, 0);
  if (process.getuid?.() !== 0) {
    const out = await scanPaths([p, join(dir, 'good.yaml')]);
    assert.equal(out.errors[0]?.message, 'permission denied');
    assert.equal(out.filesScanned, 1);
    return;
  }
  // Root reads everything: run the scan as root without the two capabilities that
  // bypass file permissions, for which the mode-000 file is closed.
  const reason = needPrograms('setpriv');
  if (reason) return;
  const r = spawnSync('setpriv', ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, join(repoRoot, 'bin/seaworthy.js'), 'scan', p, join(dir, 'good.yaml'), '-f', 'json'], { encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  const body = JSON.parse(r.stdout) as { errors: { file: string; message: string }[]; summary: { filesScanned: number } };
  assert.deepEqual(body.errors.map((e) => [e.file, e.message]), [[p, 'permission denied']]);
  assert.equal(body.summary.filesScanned, 1);
});

test('standard input is scanned as <stdin>', async () => {
  const out = await scanPaths(['-'], { stdin: pod });
  assert.equal(out.filesScanned, 1);
  const privileged = out.findings.find((f) => f.ruleId === 'privileged-container');
  assert.equal(privileged?.location.file, '<stdin>');
  assert.equal(privileged?.location.startLine, 8);
});

test('--exclude globs skip files and folders', async () => {
  const out = await scanPaths([dir], { exclude: ['broken.yaml', 'loop/**', '*.yaml'] });
  assert.ok(!out.errors.some((e) => e.file.endsWith('broken.yaml')));
});

test('UTF-8 validation finds the first bad byte', () => {
  assert.equal(firstInvalidUtf8(Buffer.from('héllo ✓ 𝄞')), -1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80])), 1); // overlong
  assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0); // surrogate
  assert.equal(firstInvalidUtf8(Buffer.from([0xe2, 0x82])), 0); // truncated
});

test('an extensionless binary is only a guessed script: skipped quietly in a directory', async () => {
  const d = await mkdtemp(join(tmpdir(), 'seaworthy-guess-'));
  try {
    await writeFile(join(d, 'tool'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    await writeFile(join(d, 'deploy'), '#!/bin/sh\npodman run --privileged nginx:1\n');
    const out = await scanPaths([d]);
    assert.deepEqual(out.errors, []);
    assert.ok(out.findings.some((f) => f.ruleId === 'privileged-container' && f.location.file.endsWith('deploy')));
  } finally {
    await rm(d, { recursive: true, force: true });
  }
});

test('a Helm chart\'s templates are skipped in a directory (render them with helm template), but read when named', async () => {
  const d = await mkdtemp(join(tmpdir(), 'seaworthy-helm-'));
  try {
    await mkdir(join(d, 'chart', 'templates'), { recursive: true });
    await writeFile(join(d, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    const template = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: c\n      image: x:1\n      {{- with .Values.resources }}\n      resources: {{ toYaml . }}\n      {{- end }}\n';
    await writeFile(join(d, 'chart', 'templates', 'pod.yaml'), template);
    await mkdir(join(d, 'k8s'));
    await writeFile(join(d, 'k8s', 'pod.yaml'), pod);
    await mkdir(join(d, 'chart', 'templates', 'tests'));
    await writeFile(join(d, 'chart', 'templates', '_helpers.tpl'), '{{- define "web.name" -}}web{{- end }}\n');
    await writeFile(join(d, 'chart', 'templates', 'tests', 'test-connection.yaml'), 'apiVersion: v1\nkind: Pod\n');
    const out = await scanPaths([d]);
    assert.deepEqual(out.errors, []);
    assert.ok(out.findings.some((f) => f.location.file.endsWith(join('k8s', 'pod.yaml'))));
    // Said once per chart, with its name, the count and what to do.
    assert.deepEqual(out.warnings.map((w) => [w.file, w.code]), [[join(d, 'chart', 'templates'), 'helm-templates']]);
    assert.match(out.warnings[0]!.message, /^chart web: 3 templates skipped .*helm template /);
    // Named on the command line: an error that says it is a Helm template, at the template's first action.
    const named = await scanPaths([join(d, 'chart', 'templates', 'pod.yaml')]);
    assert.deepEqual(named.errors.map((e) => [e.code, e.line]), [['helm-template', 4]]);
    assert.match(named.errors[0]!.message, /Helm template/);
  } finally {
    await rm(d, { recursive: true, force: true });
  }
});
