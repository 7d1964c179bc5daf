/**
 * The IMG side of the container rules, on a model built by hand as the image
 * source builds it (one workload, one container from the image config, the image
 * reference), until image table tests can go through that source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyContainer } from '../../src/model/container-spec.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel, type ScanModel } from '../../src/model/scan-model.js';
import type { Workload } from '../../src/model/workload.js';
import { runRules } from '../../src/engine/run-rules.js';
import type { RuleDefinition } from '../../src/rules/rule.js';
import runAsRoot from '../../src/rules/run-as-root.js';
import userNotNumeric from '../../src/rules/user-not-numeric.js';
import secretInEnv from '../../src/rules/secret-in-env.js';
import untrustedRegistry from '../../src/rules/untrusted-registry.js';
import imageNotPinned from '../../src/rules/image-not-pinned.js';
import { defaultSettings } from './rule-tester.js';

const loc: Location = { file: 'docker://ghcr.io/acme/app:1', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

function imageModel(config: { user?: string; env?: [string, string][] }): ScanModel {
  const model = emptyModel();
  const resource = { kind: 'Image', name: 'ghcr.io/acme/app:1', image: 'ghcr.io/acme/app:1' };
  const workload: Workload = { input: 'IMG', file: loc.file, loc, kind: 'Image', name: 'ghcr.io/acme/app:1', labels: {}, annotations: {}, containers: [] };
  const c = emptyContainer('IMG', loc, resource, workload);
  if (config.user !== undefined) c.user = { value: config.user, loc };
  c.env = (config.env ?? []).map(([name, value]) => ({ loc, name: { value: name, loc }, value: { value, loc } }));
  workload.containers.push(c);
  model.workloads.push(workload);
  model.imageRefs.push({ input: 'IMG', ref: { value: 'ghcr.io/acme/app', loc }, resource, role: 'container' });
  return model;
}

function messages(rule: RuleDefinition, model: ScanModel, settings = {}): string[] {
  return runRules(model, { rules: [rule], settings: { ...defaultSettings, ...settings } }).map((f) => `${f.messageId}: ${f.message}`);
}

test('run-as-root: an image config with no User, an empty one, root or 0', () => {
  assert.match(messages(runAsRoot, imageModel({})).join(), /^unset: .*a numeric non-root USER in the Containerfile/);
  assert.match(messages(runAsRoot, imageModel({ user: '' })).join(), /^unset:/);
  assert.match(messages(runAsRoot, imageModel({ user: '0:0' })).join(), /^root:/);
  assert.deepEqual(messages(runAsRoot, imageModel({ user: '65532' })), []);
});

test('user-not-numeric: an image config user given by name', () => {
  assert.match(messages(userNotNumeric, imageModel({ user: 'nginx' })).join(), /^named: .*"nginx"/);
  assert.deepEqual(messages(userNotNumeric, imageModel({ user: '101:101' })), []);
});

test('secret-in-env: an image config Env entry, redacted', () => {
  const got = messages(secretInEnv, imageModel({ env: [['PATH', '/usr/bin'], ['API_TOKEN', 'tok_0123456789abcdef']] }));
  assert.equal(got.length, 1);
  assert.match(got[0]!, /API_TOKEN/);
  assert.ok(!got[0]!.includes('0123456789abcdef'));
});

test('untrusted-registry applies to images; image-not-pinned does not (RULES: no IMG)', () => {
  assert.equal(messages(untrustedRegistry, imageModel({}), { trustedRegistries: ['registry.example.com'] }).length, 1);
  assert.deepEqual(messages(untrustedRegistry, imageModel({}), { trustedRegistries: ['ghcr.io/acme'] }), []);
  assert.deepEqual(messages(imageNotPinned, imageModel({})), []);
});
