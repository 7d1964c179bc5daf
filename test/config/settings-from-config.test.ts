import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/config/config.js';
import { failsOn, selectRules, settingsFromConfig } from '../../src/config/settings-from-config.js';
import { parseSize } from '../../src/config/parse-size.js';
import { defineRule } from '../../src/rules/rule.js';
import type { Finding } from '../../src/model/finding.js';

const rule = (id: string, defaultOff = false) =>
  defineRule({ id, title: id, severity: 'high', inputs: ['K8S'], rationale: '', remedy: '', references: [], messages: { m: '' }, defaultOff, check: () => {} });

test('settings carry the shared lists and per-rule options; podSecurity sets the version', () => {
  const config = defaultConfig();
  config.trustedRegistries = ['ghcr.io/acme/'];
  config.rules['dangerous-capability'] = { options: { x: 1 } };
  config.rules['pod-security-restricted'] = { options: { exemptions: [] } };
  config.podSecurity = { level: 'restricted', version: 'v1.29' };
  const settings = settingsFromConfig(config);
  assert.deepEqual(settings.trustedRegistries, ['ghcr.io/acme/']);
  assert.ok(settings.dangerousCapabilities.includes('SYS_ADMIN'));
  assert.deepEqual(settings.options, { 'dangerous-capability': { x: 1 }, 'pod-security-restricted': { exemptions: [], version: 'v1.29' } });
});

test('rules are switched off, re-rated, and default-off rules switched on', () => {
  const catalogue = [rule('a'), rule('b'), rule('pod-security-baseline', true), rule('pod-security-restricted', true), rule('extra', true)];
  const config = defaultConfig();
  config.rules['a'] = { enabled: false };
  config.rules['b'] = { severity: 'low' };
  config.rules['extra'] = { severity: 'medium' };
  config.podSecurity = { level: 'baseline', version: 'latest' };
  const { rules, severities } = selectRules(catalogue, config);
  assert.deepEqual(rules.map((r) => r.id), ['b', 'pod-security-baseline', 'extra']);
  assert.deepEqual(severities, { b: 'low', extra: 'medium' });
});

test('failOn compares severities; none never fails', () => {
  const f = (severity: Finding['severity']): Finding => ({ ruleId: 'x', severity, message: '', location: { file: 'f', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } });
  assert.equal(failsOn([f('medium')], 'high'), false);
  assert.equal(failsOn([f('medium'), f('critical')], 'high'), true);
  assert.equal(failsOn([f('low')], 'low'), true);
  assert.equal(failsOn([f('critical')], 'none'), false);
});

test('sizes: bytes, SI and binary units', () => {
  assert.equal(parseSize(2048), 2048);
  assert.equal(parseSize('10MiB'), 10 * 1024 * 1024);
  assert.equal(parseSize('1.5 kb'), 1500);
  assert.equal(parseSize('0'), undefined);
  assert.equal(parseSize(-1), undefined);
  assert.equal(parseSize('10 parsecs'), undefined);
});
