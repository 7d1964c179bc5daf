import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeSource } from '../../../src/sources/compose/compose-source.js';
import { scanText } from '../../support/scan-source.js';

test('a Compose file that is not a mapping', () => {
  const { errors, model } = scanText(composeSource, 'compose.yaml', '- just\n- a list\n');
  assert.deepEqual(errors.map((e) => [e.file, e.line, e.column, e.code]), [['compose.yaml', 1, 1, 'parse']]);
  assert.equal(model.workloads.length, 0);
});

test('services that are not a mapping, and a service that is not a mapping', () => {
  let r = scanText(composeSource, 'compose.yaml', 'services:\n  - web\n');
  assert.deepEqual(r.errors.map((e) => [e.line, e.column, e.code]), [[2, 3, 'parse']]);
  r = scanText(composeSource, 'compose.yaml', 'services:\n  bad: 3\n  good:\n    image: nginx:1\n');
  assert.deepEqual(r.errors.map((e) => [e.line, e.column, e.code]), [[2, 3, 'parse']]);
  assert.deepEqual(r.model.workloads.map((w) => w.name), ['bad', 'good']);
});

test('YAML syntax errors carry line and column', () => {
  const { errors } = scanText(composeSource, 'compose.yaml', 'services:\n  web:\n    image: [a\n');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 'parse');
  assert.ok(errors[0]!.line! >= 3);
});

test('interpolation errors: required variables and malformed references', () => {
  const { errors, containers } = scanText(composeSource, 'compose.yaml', 'services:\n  web:\n    image: "${IMG:?no image}"\n    user: "${bad name}"\n    cpus: ${CPUS:-1}\n');
  assert.deepEqual(errors.map((e) => [e.line, e.column, e.code]), [
    [3, 12, 'interpolation'],
    [4, 11, 'interpolation'],
  ]);
  assert.equal(containers[0]!.image?.dynamic, true);
  assert.equal(containers[0]!.cpuLimit?.value, '1');
});

test('extends a missing service, a circular extends, an unreadable file', () => {
  const { errors, model } = scanText(
    composeSource,
    'compose.yaml',
    'services:\n  a:\n    extends: nope\n  b:\n    extends: c\n  c:\n    extends: b\n  d:\n    extends: {file: missing.yaml, service: x}\n',
  );
  assert.deepEqual(errors.map((e) => [e.line, e.code]), [
    [3, 'parse'],
    [7, 'parse'],
    [9, 'read'],
  ]);
  assert.match(errors[1]!.message, /circular/);
  assert.equal(model.workloads.length, 4);
});
