import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/stale-base-image.js';
import { runRules } from '../../src/engine/run-rules.js';
import { emptyModel } from '../../src/model/scan-model.js';
import { buildSpecFromAst } from '../../src/sources/dockerfile/build-model.js';
import { parseDockerfile } from '../../src/sources/dockerfile/parse-dockerfile.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { findingsOf, imageOf } from '../support/image-spec-fixture.js';
import { noSettings } from '../support/rule-settings.js';

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

test('an image built more than 90 days ago is stale; a recent one, the epoch and a missing time are not', () => {
  const image = (created?: string) => ({ ...imageOf([[]]), ...(created !== undefined && { created }) });
  const old = findingsOf(rule, image(ago(200)));
  assert.equal(old.length, 1);
  assert.match(old[0]!.message, /^The image was built on \d{4}-\d{2}-\d{2}, 200 days ago \(more than 90\)/);
  assert.deepEqual([old[0]!.location.startLine, old[0]!.location.startColumn], [1, 1]);
  assert.deepEqual(findingsOf(rule, image(ago(10))), []);
  assert.deepEqual(findingsOf(rule, image('1970-01-01T00:00:00Z')), []);
  assert.deepEqual(findingsOf(rule, image()), []);
  assert.deepEqual(findingsOf(rule, image('not a date')), []);
});

test('maxAgeDays is configurable', () => {
  const model = emptyModel();
  model.images.push({ ...imageOf([[]]), created: ago(40) });
  const findings = runRules(model, { rules: [rule], settings: { ...noSettings, options: { 'stale-base-image': { maxAgeDays: 30 } } } });
  assert.match(findings[0]?.message ?? '', /40 days ago \(more than 30\)/);
});

test('with --containerfile, a stale base is located at the FROM line even when the image is fresh', () => {
  const text = 'FROM docker.io/library/debian:12\nRUN apt-get update\nUSER 10001\n';
  const src = sourceFile('Containerfile', text);
  const build = buildSpecFromAst(parseDockerfile(text), src);
  const image = { ...imageOf([[], [], []]), created: ago(1) };
  image.history = image.history.map((h, i) => ({ ...h, created: i < 2 ? ago(400) : ago(1) }));
  // Layers 0-1 come from the base; layer 2 was made by `RUN apt-get update`.
  image.layers[2]!.instruction = { file: 'Containerfile', startLine: 2, startColumn: 1, endLine: 2, endColumn: 19 };
  const model = emptyModel();
  model.images.push(image);
  model.builds.push(build);
  model.files.set('Containerfile', src);
  const findings = runRules(model, { rules: [rule], settings: noSettings });
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /^The image's base \(2 layers, up to sha256:1{64}\) was built on .*, 400 days ago/);
  assert.deepEqual([findings[0]!.location.file, findings[0]!.location.startLine, findings[0]!.location.startColumn], ['Containerfile', 1, 1]);
});
