import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/parse-config.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { fullCatalogue } from '../../src/scan/run-scan.js';
import { DEFAULT_MUTATE_RULES } from '../../src/config/admission-config.js';

const ids = fullCatalogue.map((r) => r.id);
const parse = (text: string) => parseConfig(sourceFile('.seaworthy.yaml', text), ids);

test('the admission section: thresholds, modes per rule and namespace, labels, mutations', () => {
  const { config, errors } = parse(`admission:
  enforceOn: critical
  warnOn: medium
  rules: { run-as-root: audit }
  namespaces:
    legacy: { mode: warn, rules: { privileged-container: enforce }, labels: { pod-security.kubernetes.io/enforce: baseline } }
  namespaceLabels: config
  mutate: [seccomp-unconfined]
  mutateUid: 2000
`);
  assert.deepEqual(errors, []);
  assert.deepEqual(config.admission, {
    enforceOn: 'critical',
    warnOn: 'medium',
    rules: { 'run-as-root': 'audit' },
    namespaces: { legacy: { mode: 'warn', rules: { 'privileged-container': 'enforce' }, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } },
    namespaceLabels: 'config',
    mutate: ['seccomp-unconfined'],
    mutateUid: 2000,
  });
});

test('without an admission section: enforce at high, warn below, the default mutations', () => {
  const { config } = parse('failOn: high\n');
  assert.equal(config.admission.enforceOn, 'high');
  assert.equal(config.admission.warnOn, 'low');
  assert.deepEqual(config.admission.mutate, DEFAULT_MUTATE_RULES);
});

test('mistakes in the admission section are errors at their line', () => {
  const { errors } = parse(`admission:
  enforceOn: severe
  rules:
    privileged-containr: warn
    run-as-root: deny
  namespaces:
    a: { mood: warn }
  mutate: [no-such-rule]
  mutateUid: 0
  colour: red
`);
  const lines = errors.map((e) => [e.line, e.message.split(';')[0]]);
  assert.deepEqual(lines, [
    [2, 'admission.enforceOn must be one of low, medium, high, critical, none'],
    [4, "unknown rule 'privileged-containr' in admission.rules (did you mean 'privileged-container'?)"],
    [5, 'admission.rules.run-as-root must be one of enforce, warn, audit'],
    [7, "unknown key 'mood' in admission.namespaces.a (did you mean 'mode'?)"],
    [8, "unknown rule 'no-such-rule' in admission.mutate"],
    [9, 'admission.mutateUid must be a positive integer (a non-root UID)'],
    [10, "unknown key 'colour' in admission"],
  ]);
});
