/**
 * Bounded work for every input: each attack is built here, scanned in a child
 * process with a capped heap, and must end as a located error for its file while
 * the other files are still judged.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argDoubling, billionLaughs, mergeBomb, scanInChild } from '../support/hostile.js';

let dir: string;
const victim = 'FROM alpine:3.20\nUSER root\n';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seaworthy-hostile-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function caseDir(name: string, files: Record<string, string>): Promise<string> {
  const d = join(dir, name);
  await mkdir(d, { recursive: true });
  await writeFile(join(d, 'Containerfile'), victim);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(d, file, '..'), { recursive: true });
    await writeFile(join(d, file), text);
  }
  return d;
}

function assertContained(d: string, badFile: string, message: RegExp, line?: number): void {
  const r = scanInChild([d]);
  assert.equal(r.signal, null, `killed by ${r.signal}: ${r.stderr.slice(0, 500)}`);
  assert.equal(r.status, 2, r.stderr.slice(0, 500));
  const error = r.report!.errors.find((e) => e.file === join(d, badFile));
  assert.ok(error, JSON.stringify(r.report!.errors));
  assert.match(error.message, message);
  if (line !== undefined) assert.equal(error.line, line);
  assert.ok(r.report!.findings.some((f) => f.ruleId === 'run-as-root' && f.location.file === join(d, 'Containerfile')), 'the other file is still judged');
}

test('a billion-laughs document in an unused Compose x- key is a located error, not an abort', async () => {
  const d = await caseDir('laughs-compose', { 'compose.yaml': `x-bomb:\n${billionLaughs('  ')}services:\n  web:\n    image: nginx:1\n` });
  assertContained(d, 'compose.yaml', /aliases and merge keys expand to more than/, 7);
});

test('a billion-laughs inside a Kubernetes manifest is a located error', async () => {
  const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1\nx:\n${billionLaughs('  ')}`;
  const d = await caseDir('laughs-k8s', { 'pod.yaml': pod });
  assertContained(d, 'pod.yaml', /aliases and merge keys expand to more than/);
});

test('merge keys that double per level are a located error', async () => {
  const d = await caseDir('merge-compose', { 'compose.yaml': `${mergeBomb()}services:\n  web:\n    image: nginx:1\n` });
  assertContained(d, 'compose.yaml', /aliases and merge keys expand to more than/);
});

test('a configuration file with a billion laughs is an error, not an abort', async () => {
  const d = await caseDir('laughs-config', { '.seaworthy.yaml': `x:\n${billionLaughs('  ')}` });
  const r = scanInChild([d]);
  assert.equal(r.signal, null);
  assert.notEqual(r.status, null);
  assert.match(r.stderr + r.stdout, /aliases and merge keys expand/);
});

test('ARG self-doubling is a located error at the ARG that crosses the limit', async () => {
  const d = await caseDir('arg-doubling', { 'sub/Containerfile': argDoubling() });
  const r = scanInChild([d]);
  assert.equal(r.signal, null, r.stderr.slice(0, 500));
  const error = r.report!.errors.find((e) => e.file === join(d, 'sub/Containerfile'));
  assert.match(error?.message ?? '', /^ARG A expands to more than 1048576 characters/);
  // 8 characters × 4^n passes 1 MiB at n = 9: the 9th doubling line is line 11.
  assert.equal(error?.line, 11);
  assert.ok(r.report!.findings.some((f) => f.location.file === join(d, 'Containerfile')));
});

test('Compose extends fanning out over a chain of files resolves each file once', async () => {
  const files: Record<string, string> = {};
  const n = 30;
  for (let i = 0; i < n; i++) {
    let y = 'services:\n';
    for (const [s, other] of [['a', 'b'], ['b', 'a']]) {
      y += `  ${s}:\n    image: nginx:1\n`;
      if (i + 1 < n) y += `    extends:\n      file: f${i + 1}.yaml\n      service: ${other}\n`;
      else y += '    privileged: true\n';
    }
    y += '  c:\n    extends: a\n  d:\n    extends: b\n';
    files[i === 0 ? 'compose.yaml' : `f${i}.yaml`] = y;
  }
  const d = await caseDir('extends', files);
  const r = scanInChild([join(d, 'compose.yaml')]);
  assert.equal(r.signal, null, r.stderr.slice(0, 500));
  assert.deepEqual(r.report!.errors, []);
  // The privileged flag set at the end of the chain reaches all four services.
  const privileged = r.report!.findings.filter((f) => f.ruleId === 'privileged-container');
  assert.equal(privileged.length, 4);
});

test('a Quadlet PodmanArgs of 100k continuation lines is read in linear time', async () => {
  let unit = '[Container]\nImage=nginx:1\nPodmanArgs=';
  for (let i = 0; i < 100_000; i++) unit += `--env X${i}=1 \\\n`;
  unit += '--privileged\n';
  const d = await caseDir('quadlet', { 'web.container': unit });
  // About 3 s of CPU: read whole, not cut by the per-file budget on a slow runner (a
  // quadratic reader would still run into the child's deadline).
  const r = scanInChild([d, '--max-file-time', '2m']);
  assert.equal(r.signal, null, r.stderr.slice(0, 500));
  const privileged = r.report!.findings.find((f) => f.ruleId === 'privileged-container');
  assert.equal(privileged?.location.startLine, 100_003);
});
