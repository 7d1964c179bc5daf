/**
 * The per-file time budget: a file whose reading runs past it is one error located
 * where the work was, nothing of it is judged, and the other files are.
 *
 * The in-process tests replace the clock with one that moves one step per reading,
 * so the budget becomes a count of units of work and nothing here is timed; the
 * child-process test runs the real clock on an input that takes many times longer
 * than the budget it is given, and asserts only what was reported.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel } from '../../src/scan/build-model.js';
import { DEFAULT_FILE_TIME_MS, parseDuration, spendLine, startFileBudget, endFileBudget, useClock } from '../../src/scan/file-budget.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { scanInChild } from '../support/hostile.js';

const parseText = (text: string, path: string) => parseConfig(sourceFile(path, text), []);

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** A clock that advances one "millisecond" each time it is read. */
function steppingClock(): void {
  let t = 0;
  restore = useClock(() => ++t);
}

const victim = { path: 'Containerfile', text: 'FROM alpine:3.20\nUSER root\n' };
const UNITS = 4_000;

const hostile: Record<string, { path: string; text: () => string }> = {
  'run lines': { path: 'deploy.sh', text: () => '#!/bin/sh\n' + Array.from({ length: UNITS }, (_, i) => `podman run --rm nginx:1.${i}\n`).join('') },
  Containerfile: { path: 'big/Containerfile', text: () => 'FROM alpine:3.20\n' + Array.from({ length: UNITS }, (_, i) => `ENV V${i}=${i}\n`).join('') },
  'Quadlet lines': { path: 'web.container', text: () => '[Container]\nImage=nginx:1\nPodmanArgs=' + Array.from({ length: UNITS }, (_, i) => `--env X${i}=1 \\\n`).join('') + '--privileged\n' },
  'Kubernetes documents': {
    path: 'pods.yaml',
    text: () => Array.from({ length: UNITS / 4 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n`).join('---\n'),
  },
  'Compose services': { path: 'compose.yaml', text: () => 'services:\n' + Array.from({ length: UNITS / 4 }, (_, i) => `  s${i}:\n    image: nginx:1\n    privileged: true\n`).join('') },
};

for (const [kind, input] of Object.entries(hostile)) {
  test(`${kind} past the budget: one located error for that file, nothing of it judged, the other file read`, () => {
    steppingClock();
    // 5 steps: the hostile file reads the clock every 256 units, so it stops after ~1,500 of
    // them; the Containerfile reads it twice (start and end).
    const { model, errors } = buildModel([victim, { path: input.path, text: input.text() }], undefined, undefined, 5);
    assert.equal(errors.length, 1, JSON.stringify(errors.slice(0, 3)));
    const [error] = errors;
    assert.equal(error!.file, input.path);
    assert.equal(error!.code, 'time-budget');
    assert.match(error!.message, /took more than 5 ms of CPU time \(the limit per file; raise it with --max-file-time or maxFileTime\)/);
    // A script runs out inside the walk of mvdan-sh's tree, where no line is known: the
    // error is then at the start of the piece of shell being read (here the whole file).
    const firstLine = kind === 'run lines' ? 1 : 2;
    assert.ok(error!.line !== undefined && error!.line >= firstLine, `located inside the file: ${JSON.stringify(error)}`);
    assert.deepEqual(model.workloads.filter((w) => w.file === input.path), []);
    assert.deepEqual(model.imageRefs.filter((r) => r.ref.loc.file === input.path), []);
    assert.deepEqual(model.warnings.filter((w) => w.file === input.path), []);
    assert.ok(model.workloads.some((w) => w.file === victim.path), 'the other file is read');
  });
}

test('within its budget the same file is read whole', () => {
  steppingClock();
  const input = hostile['Quadlet lines']!;
  const { model, errors } = buildModel([{ path: input.path, text: input.text() }], undefined, undefined, 10_000);
  assert.deepEqual(errors, []);
  assert.equal(model.workloads.filter((w) => w.file === input.path).length, 1);
});

test('a budget once spent stays spent: a source that catches the error and carries on stops at its next unit', () => {
  steppingClock();
  startFileBudget(1);
  let thrown = 0;
  for (let i = 1; i <= 5_000; i++) {
    try {
      spendLine(i);
    } catch {
      thrown++;
    }
  }
  const over = endFileBudget();
  // Started at 1 with a budget of 1: the look at unit 256 reads 2 (not over), the one at 512 reads 3.
  assert.equal(over?.line, 512, 'the first look at the clock past the budget names its line');
  assert.equal(thrown, 5_000 - 511);
});

test('work no hook can interrupt (one long library call) is still over budget when the file ends', () => {
  let t = 0;
  restore = useClock(() => t);
  startFileBudget(100);
  t = 100;
  assert.equal(endFileBudget(), undefined, 'exactly the budget is within it');
  startFileBudget(100);
  t = 500; // one call into a library that took 400
  assert.equal(endFileBudget()?.code, 'time-budget');
});

test('durations: seconds, milliseconds, minutes, hours; nothing else', () => {
  assert.equal(parseDuration('10s'), 10_000);
  assert.equal(parseDuration('1.5s'), 1_500);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('2m'), 120_000);
  assert.equal(parseDuration('3'), 3_000);
  assert.equal(parseDuration('1h'), 3_600_000);
  for (const bad of ['', '0', '0s', '-1s', '1d', 'ten', '1 0s']) assert.equal(parseDuration(bad), undefined, bad);
});

test('maxFileTime in the configuration: a duration or seconds; anything else is an error naming it', () => {
  assert.equal(parseText('failOn: high\n', '.seaworthy.yaml').config.maxFileTime, DEFAULT_FILE_TIME_MS);
  assert.equal(parseText('maxFileTime: 500ms\n', '.seaworthy.yaml').config.maxFileTime, 500);
  assert.equal(parseText('maxFileTime: 2\n', '.seaworthy.yaml').config.maxFileTime, 2_000);
  const bad = parseText('maxFileTime: forever\n', '.seaworthy.yaml');
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0]!.message, /^maxFileTime must be a positive number of seconds or a duration like '10s'/);
  assert.equal(bad.errors[0]!.line, 1);
});

test('seaworthy scan --max-file-time: a script of 20,000 run lines stops at the budget, the Containerfile beside it is judged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-budget-'));
  try {
    await writeFile(join(dir, 'Containerfile'), victim.text);
    await writeFile(join(dir, 'deploy.sh'), '#!/bin/sh\n' + Array.from({ length: 20_000 }, (_, i) => `podman run --rm -v /srv/d${i}:/data nginx:1.${i}\n`).join(''));
    // Unbounded, this script takes many seconds of CPU (20,000 run lines, each judged); 1 s stops it.
    const r = scanInChild([dir, '--max-file-time', '1s']);
    assert.equal(r.signal, null, r.stderr.slice(0, 500));
    assert.equal(r.status, 2, r.stderr.slice(0, 500));
    assert.deepEqual(r.report!.errors.map((e) => [e.file, e.code]), [[join(dir, 'deploy.sh'), 'time-budget']]);
    assert.deepEqual(r.report!.findings.filter((f) => f.location.file === join(dir, 'deploy.sh')), []);
    assert.ok(r.report!.findings.some((f) => f.ruleId === 'run-as-root' && f.location.file === join(dir, 'Containerfile')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('seaworthy scan --max-file-time refuses what is not a duration', () => {
  const r = scanInChild(['.', '--max-file-time', 'soon']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--max-file-time "soon" is not a duration/);
});
