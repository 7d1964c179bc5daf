/**
 * Compose `include:` (compose-spec 14-include.md) and `COMPOSE_FILE`: which files
 * make up a project, how an included file is interpolated and where its relative
 * paths lead, cycles, name conflicts and the scan boundary. Projects modelled on
 * real layouts: an application that includes a shared database stack from a
 * sibling directory, a production file selected in `.env`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { emptyModel } from '../../../src/model/scan-model.js';
import { scanBoundary } from '../../../src/scan/scan-boundary.js';
import { composeSource } from '../../../src/sources/compose/compose-source.js';
import { at, scanText } from '../../support/scan-source.js';

/** Writes files under a fresh directory; returns it. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-include-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function scan(dir: string, file: string, model = emptyModel()) {
  const path = join(dir, file);
  return scanText(composeSource, path, readFileSync(path, 'utf8'), model);
}

const APP = `include:
  - ../db/compose.yaml
services:
  web:
    image: ghcr.io/example/web:\${WEB_TAG}
    depends_on: [db]
`;

const DB = `services:
  db:
    image: postgres:\${PG_TAG:-16}
    environment:
      POSTGRES_PASSWORD: \${PG_PASSWORD}
    build: .
`;

test('include (short syntax): the included services join the project, located in their own file, interpolated with their .env under the including project\'s', () => {
  const dir = tree({
    'app/compose.yaml': APP,
    'app/.env': 'WEB_TAG=3.2\nPG_TAG=16.4\n',
    'db/compose.yaml': DB,
    'db/.env': 'PG_TAG=15\nPG_PASSWORD=Vq7m2Lx9Rk\n',
    'db/Dockerfile': 'FROM postgres:16.4\nUSER 999\n',
  });
  const { model, errors } = scan(dir, 'app/compose.yaml');
  assert.deepEqual(errors, []);
  const byName = new Map(model.workloads.map((w) => [w.name, w]));
  assert.deepEqual([...byName.keys()], ['web', 'db']);
  const db = byName.get('db')!.containers[0]!;
  assert.equal(relative(dir, db.loc.file), 'db/compose.yaml');
  // The including project's PG_TAG wins over the included .env's.
  assert.equal(db.image?.value, 'postgres:16.4');
  // The secret comes from db/.env: located there.
  assert.deepEqual([relative(dir, db.env[0]!.value!.loc.file), at(db.env[0]!.value!.loc)], ['db/.env', '2:13-2:23']);
  // build: . is the included file's directory: its Dockerfile's USER.
  assert.deepEqual([db.user?.value, relative(dir, db.user!.loc.file)], ['999', 'db/Dockerfile']);
});

test('include (long syntax): a list of paths merged in order, env_file as a list, project_directory for relative paths', () => {
  const dir = tree({
    'compose.yaml': 'include:\n  - path:\n      - stacks/db.yaml\n      - stacks/db.prod.yaml\n    project_directory: stacks/ctx\n    env_file:\n      - stacks/base.env\n      - stacks/prod.env\nservices:\n  web:\n    image: ghcr.io/example/web:3.2\n',
    'stacks/db.yaml': 'services:\n  db:\n    image: postgres:${PG_TAG}\n    build: .\n    read_only: false\n',
    'stacks/db.prod.yaml': 'services:\n  db:\n    read_only: true\n',
    'stacks/base.env': 'PG_TAG=15\n',
    'stacks/prod.env': 'PG_TAG=16.4\n',
    'stacks/ctx/Containerfile': 'FROM postgres:16.4\nUSER 70\n',
  });
  const { model, errors } = scan(dir, 'compose.yaml');
  assert.deepEqual(errors, []);
  const db = model.workloads.find((w) => w.name === 'db')!.containers[0]!;
  assert.equal(db.image?.value, 'postgres:16.4');
  assert.equal(db.readOnlyRootFilesystem?.value, true);
  assert.equal(relative(dir, db.readOnlyRootFilesystem!.loc.file), 'stacks/db.prod.yaml');
  assert.equal(db.user?.value, '70');
});

test('include: a cycle is an error at the include item; a missing file is an error at its path; the rest is read', () => {
  const dir = tree({
    'compose.yaml': 'include:\n  - a.yaml\n  - gone.yaml\nservices:\n  web:\n    image: ghcr.io/example/web:3.2\n',
    'a.yaml': 'include:\n  - path: b.yaml\nservices:\n  a:\n    image: alpine:3.20\n',
    'b.yaml': 'include:\n  - compose.yaml\nservices:\n  b:\n    image: alpine:3.20\n',
  });
  const { model, errors } = scan(dir, 'compose.yaml');
  assert.deepEqual(errors.map((e) => [relative(dir, e.file), e.line, e.column, e.code]), [
    ['b.yaml', 2, 5, 'parse'],
    ['compose.yaml', 3, 5, 'read'],
  ]);
  assert.match(errors[0]!.message, /include cycle/);
  assert.deepEqual(model.workloads.map((w) => w.name).sort(), ['a', 'b', 'web']);
});

test('include: a service name already in the project is a warning and the project\'s own service is kept', () => {
  const dir = tree({
    'compose.yaml': 'include:\n  - other.yaml\nservices:\n  web:\n    image: ghcr.io/example/web:3.2\n',
    'other.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
  });
  const { model, warnings } = scan(dir, 'compose.yaml');
  assert.deepEqual(model.workloads.map((w) => [w.name, w.containers[0]!.image?.value]), [['web', 'ghcr.io/example/web:3.2']]);
  assert.deepEqual(warnings.map((w) => [relative(dir, w.file), w.line, w.column, w.code]), [['other.yaml', 2, 3, 'include-conflict']]);
});

test('include: a file outside the scanned tree is not read (a warning says so)', () => {
  const dir = tree({ 'app/compose.yaml': APP, 'db/compose.yaml': DB });
  const model = emptyModel();
  model.boundary = scanBoundary([join(dir, 'app')], false, (p) => statSync(p).isDirectory());
  const { model: m, errors } = scan(dir, 'app/compose.yaml', model);
  assert.deepEqual(errors, []);
  assert.deepEqual(m.workloads.map((w) => w.name), ['web']);
  assert.deepEqual(m.warnings.map((w) => w.code), ['outside-tree']);
});

test('include: a file scanned on its own and included by another is judged once', () => {
  const dir = tree({ 'app/compose.yaml': APP, 'db/compose.yaml': DB });
  const model = emptyModel();
  scan(dir, 'db/compose.yaml', model);
  scan(dir, 'app/compose.yaml', model);
  assert.deepEqual(model.workloads.map((w) => w.name), ['db', 'web']);
});

test('COMPOSE_FILE in .env: the listed files are the project, merged in order, without the default override', () => {
  const dir = tree({
    'compose.yaml': 'services:\n  web:\n    image: ghcr.io/example/web:3.2\n',
    'compose.override.yaml': 'services:\n  web:\n    privileged: true\n',
    'compose.prod.yaml': 'services:\n  web:\n    read_only: true\n',
    '.env': 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\n',
  });
  const { model } = scan(dir, 'compose.yaml');
  const c = model.workloads[0]!.containers[0]!;
  assert.deepEqual([c.readOnlyRootFilesystem?.value, c.privileged?.value], [true, undefined]);
  // Listed after the first file: read as part of that project only.
  assert.deepEqual(scan(dir, 'compose.prod.yaml').model.workloads, []);
});

test('COMPOSE_FILE with COMPOSE_PATH_SEPARATOR; a file it does not list is read as usual; a listed file that is absent is an error in .env', () => {
  const dir = tree({
    'docker-compose.yml': 'services:\n  web:\n    image: ghcr.io/example/web:3.2\n',
    'ops/prod.yml': 'services:\n  web:\n    cap_drop: [ALL]\n',
    'other.yaml': 'services:\n  tool:\n    image: alpine:3.20\n',
    '.env': 'COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=docker-compose.yml;ops/prod.yml;ops/gone.yml\n',
  });
  const { model, errors } = scan(dir, 'docker-compose.yml');
  assert.deepEqual(model.workloads[0]!.containers[0]!.capDrop.map((d) => d.value), ['ALL']);
  assert.deepEqual(errors.map((e) => [relative(dir, e.file), e.line, e.column, e.code]), [['.env', 2, 14, 'read']]);
  assert.deepEqual(scan(dir, 'other.yaml').model.workloads.map((w) => w.name), ['tool']);
});

test('include: a file reached along many paths is loaded once per project (a fan-out of 2 per level, 18 levels deep, is 36 files, not 2^18 loads)', () => {
  const files: Record<string, string> = { 'compose.yaml': 'include:\n  - l0a.yaml\n  - l0b.yaml\nservices:\n  root:\n    image: alpine:3.20\n' };
  const levels = 18;
  for (let i = 0; i < levels; i++) {
    for (const side of ['a', 'b']) {
      const next = i + 1 < levels ? `include:\n  - l${i + 1}a.yaml\n  - l${i + 1}b.yaml\n` : '';
      files[`l${i}${side}.yaml`] = `${next}services:\n  s${i}${side}:\n    image: alpine:3.20\n`;
    }
  }
  const dir = tree(files);
  const { model, errors } = scan(dir, 'compose.yaml');
  assert.deepEqual(errors, []);
  assert.equal(model.workloads.length, 1 + 2 * levels);
});

test('a file included by projects far apart in a large scan is read again, its services the same and its error reported once', async () => {
  const { scanPaths } = await import('../../../src/scan/scan.js');
  // More projects than the loader keeps parsed files for (256): the shared file is let go between the first and the last.
  const files: Record<string, string> = {
    'shared/compose.yaml': 'services:\n  cache:\n    image: redis\n    privileged: true\n  broken: 42\n',
  };
  for (let i = 0; i < 300; i++) files[`p${String(i).padStart(3, '0')}/compose.yaml`] = i === 0 || i === 299 ? 'include:\n  - ../shared/compose.yaml\nservices:\n  app:\n    image: nginx:1.27\n' : `services:\n  s${i}:\n    image: nginx:1.27\n`;
  const dir = tree(files);
  const out = await scanPaths([dir]);
  const broken = out.errors.filter((e) => e.message.includes('"broken"'));
  assert.equal(broken.length, 1, JSON.stringify(broken));
  const privileged = out.findings.filter((f) => f.ruleId === 'privileged-container' && f.location.file.endsWith(join('shared', 'compose.yaml')));
  // One finding per including project (their services differ by project), both at the shared file's line.
  assert.equal(new Set(privileged.map((f) => f.location.startLine)).size, 1);
  assert.ok(privileged.length >= 1);
});
