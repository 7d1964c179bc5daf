import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/parse-config.js';
import { DEFAULT_DANGEROUS_CAPABILITIES, defaultConfig } from '../../src/config/config.js';
import { sourceFile } from '../../src/sources/source-file.js';

const KNOWN = ['privileged-container', 'run-as-root', 'dangerous-capability', 'pod-security-restricted'];
const parse = (text: string) => parseConfig(sourceFile('.seaworthy.yaml', text), KNOWN);

test('a full configuration is read into every field', () => {
  const { config, errors } = parse(`rules:
  privileged-container: off
  run-as-root: medium
  dangerous-capability: { severity: critical, options: { extra: 1 } }
failOn: high
trustedRegistries: [registry.example.com/, ghcr.io/acme/]
dangerousCapabilities: [cap_sys_admin, NET_RAW]
dangerousCapabilitiesAdd: [SETUID]
untrusted:
  namespaces: [sandbox]
  labels: { trust: low }
sandboxRuntimes: [gvisor]
podSecurity: restricted:v1.29
maxFileSize: 2MiB
exclude: ["vendor/**"]
exceptions:
  - rule: run-as-root
    paths: ["legacy/**"]
    reason: the legacy image needs root until it is rebuilt
    expires: 2026-12-31
  - rule: [privileged-container, dangerous-capability]
    resource: { kind: DaemonSet, namespace: kube-system, name: cni }
    reason: the CNI plugin configures host networking
`);
  assert.deepEqual(errors, []);
  assert.deepEqual(config.rules, {
    'privileged-container': { enabled: false },
    'run-as-root': { severity: 'medium' },
    'dangerous-capability': { severity: 'critical', options: { extra: 1 } },
  });
  assert.equal(config.failOn, 'high');
  assert.deepEqual(config.trustedRegistries, ['registry.example.com/', 'ghcr.io/acme/']);
  assert.deepEqual(config.dangerousCapabilities, ['SYS_ADMIN', 'NET_RAW', 'SETUID']);
  assert.deepEqual(config.untrusted, { namespaces: ['sandbox'], labels: { trust: 'low' } });
  assert.deepEqual(config.sandboxRuntimes, ['gvisor']);
  assert.deepEqual(config.podSecurity, { level: 'restricted', version: 'v1.29' });
  assert.equal(config.maxFileSize, 2 * 1024 * 1024);
  assert.deepEqual(config.exclude, ['vendor/**']);
  assert.equal(config.exceptions.length, 2);
  const [first, second] = config.exceptions;
  assert.deepEqual({ ...first!, loc: undefined }, {
    rules: ['run-as-root'],
    paths: ['legacy/**'],
    reason: 'the legacy image needs root until it is rebuilt',
    expires: '2026-12-31',
    loc: undefined,
  });
  assert.equal(first!.loc.startLine, 17);
  assert.deepEqual(second!.rules, ['privileged-container', 'dangerous-capability']);
  assert.deepEqual(second!.resource, { kind: 'DaemonSet', namespace: 'kube-system', name: 'cni' });
});

test('an empty file, or a comment only, is the defaults', () => {
  assert.deepEqual(parse(''), { config: defaultConfig(), errors: [] });
  assert.deepEqual(parse('# nothing yet\n'), { config: defaultConfig(), errors: [] });
  assert.deepEqual(defaultConfig().dangerousCapabilities, [...DEFAULT_DANGEROUS_CAPABILITIES]);
});

test('unknown keys and rule ids are errors that name them, with line and column', () => {
  const { config, errors } = parse(`trustedRegistry: [a]
rules:
  privileged-containr: off
  run-as-root: hgh
untrusted:
  namespace: [x]
exceptions:
  - rule: run-as-rot
    reason: typo
    expiry: 2026-01-01
`);
  assert.deepEqual(
    errors.map((e) => [e.line, e.column, e.message]),
    [
      [1, 1, "unknown key 'trustedRegistry' in the configuration (did you mean 'trustedRegistries'?); expected one of: rules, failOn, trustedRegistries, dangerousCapabilities, dangerousCapabilitiesAdd, untrusted, sandboxRuntimes, podSecurity, maxFileSize, maxFileTime, foreignRealm, exclude, exceptions, admission, fix, signatures"],
      [3, 3, "unknown rule 'privileged-containr' (did you mean 'privileged-container'?)"],
      [4, 16, `rules.run-as-root must be 'off', a severity (low, medium, high, critical) or a mapping with severity, enabled, options; found "hgh"`],
      [6, 3, "unknown key 'namespace' in untrusted (did you mean 'namespaces'?); expected one of: namespaces, labels"],
      [10, 5, "unknown key 'expiry' in exceptions[0] (did you mean 'expires'?); expected one of: rule, paths, resource, advisories, reason, expires"],
      [8, 11, "unknown rule 'run-as-rot' in exceptions[0].rule (did you mean 'run-as-root'?)"],
    ].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)),
  );
  assert.ok(errors.every((e) => e.file === '.seaworthy.yaml' && e.code === 'config'));
  // Nothing half-read is applied: the misspelled rule is not switched off, the broken exception is dropped.
  assert.deepEqual(config.rules, {});
  assert.deepEqual(config.exceptions, []);
});

test('wrong values say what was expected and what was found', () => {
  const { errors } = parse(`failOn: always
podSecurity: strict
maxFileSize: lots
dangerousCapabilities: [SYS ADMIN]
exceptions:
  - rule: run-as-root
  - rule: run-as-root
    reason: "  "
    expires: 2026-02-30
`);
  assert.deepEqual(
    errors.map((e) => `${e.line}:${e.column} ${e.message}`),
    [
      '1:9 failOn must be one of low, medium, high, critical, none; found "always"',
      "2:14 podSecurity must be 'baseline' or 'restricted', optionally with ':v1.N' or ':latest'; found \"strict\"",
      "3:14 maxFileSize must be a positive number of bytes or a size like '10MiB'; found \"lots\"",
      '4:25 dangerousCapabilities[0] is not a capability name: "SYS ADMIN"',
      "6:5 exceptions[0] needs a non-empty 'reason': why the risk is accepted",
      "8:13 exceptions[1] needs a non-empty 'reason': why the risk is accepted",
      '9:14 exceptions[1].expires must be a date written YYYY-MM-DD; found "2026-02-30"',
    ],
  );
});

test('YAML syntax errors are configuration errors with a position', () => {
  const { errors } = parse('rules: [\n  a: b: c\n');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 'config');
  assert.equal(errors[0]!.line, 2);
  assert.match(errors[0]!.message, /^invalid YAML/);
});

test('meta-rules are always known', () => {
  assert.deepEqual(parse('rules:\n  unused-suppression: off\n').errors, []);
});

test('fix: the values seaworthy fix writes, checked like every other key', () => {
  const ok = parseConfig(sourceFile('.seaworthy.yaml', 'fix:\n  uid: 2000\n  cpuLimit: 500m\n  memoryLimit: 256Mi\n  tmpVolume: true\n  bindAddress: 127.0.0.1\n'), []);
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.config.fix, { uid: 2000, cpuLimit: '500m', memoryLimit: '256Mi', tmpVolume: true, bindAddress: '127.0.0.1' });
  const bad = parseConfig(sourceFile('.seaworthy.yaml', 'fix:\n  uid: 0\n  memoryLimit: lots\n  tmpVolume: yes please\n  port: 1\n'), []);
  assert.deepEqual(bad.errors.map((e) => [e.line, e.message.split(';')[0]]), [
    [2, 'fix.uid must be a positive integer'],
    [3, "fix.memoryLimit must be a memory quantity such as '256Mi'"],
    [4, 'fix.tmpVolume must be true or false'],
    [5, "unknown key 'port' in fix"],
  ]);
});
