import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppressions } from '../../src/engine/suppressions.js';
import type { EngineFinding } from '../../src/engine/run-rules.js';
import { defaultConfig, type Config, type ConfigException } from '../../src/config/config.js';
import { emptyModel, type ScanModel } from '../../src/model/scan-model.js';
import type { ResourceRef } from '../../src/model/resource.js';
import { sourceFile } from '../../src/sources/source-file.js';

const TODAY = new Date('2026-06-15T12:00:00Z');

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    seaworthy.io/ignore: "host-network -- needs the node's network for the CNI"
spec:
  hostNetwork: true
  containers:
    - name: app
      securityContext:
        # seaworthy-ignore privileged-container -- the debug pod needs it
        privileged: true
        # seaworthy-ignore run-as-root

        runAsUser: 0
        # seaworthy-ignore writable-root-fs -- not here
      image: nginx
`;

const CONTAINERFILE = `# seaworthy-ignore-file image-not-pinned -- built from a local base in CI
FROM base
USER root
`;

const pod: ResourceRef = { kind: 'Pod', name: 'web', container: 'app' };

function model(): ScanModel {
  const m = emptyModel();
  m.files.set('k8s/pod.yaml', sourceFile('k8s/pod.yaml', POD));
  m.files.set('Containerfile', sourceFile('Containerfile', CONTAINERFILE));
  m.annotationSuppressions.push({
    file: 'k8s/pod.yaml',
    loc: { file: 'k8s/pod.yaml', startLine: 6, startColumn: 26, endLine: 6, endColumn: 82 },
    raw: "host-network -- needs the node's network for the CNI",
    resource: { kind: 'Pod', name: 'web' },
    startLine: 1,
    endLine: 19,
  });
  return m;
}

function finding(ruleId: string, file: string, line: number, extra: Partial<EngineFinding> = {}): EngineFinding {
  return { ruleId, severity: 'high', message: `${ruleId} at ${line}`, location: { file, startLine: line, startColumn: 5, endLine: line, endColumn: 9 }, ...extra };
}

test('a comment on the line before, a file comment and an annotation suppress their rules only', () => {
  const findings = [
    finding('privileged-container', 'k8s/pod.yaml', 13, { resource: pod }),
    finding('run-as-root', 'k8s/pod.yaml', 16, { resource: pod }), // a blank line between: not covered
    finding('host-network', 'k8s/pod.yaml', 8, { resource: { kind: 'Pod', name: 'web' } }),
    finding('capabilities-not-dropped', 'k8s/pod.yaml', 13, { resource: pod }), // another rule on the covered line
    finding('image-not-pinned', 'Containerfile', 2),
    finding('run-as-root', 'Containerfile', 3),
  ];
  const result = applySuppressions(findings, model(), defaultConfig(), TODAY);
  assert.deepEqual(
    result.findings.map((f) => `${f.ruleId}@${f.location.file}:${f.location.startLine}`),
    ['run-as-root@k8s/pod.yaml:16', 'capabilities-not-dropped@k8s/pod.yaml:13', 'run-as-root@Containerfile:3'],
  );
  assert.deepEqual(
    result.suppressed.map((f) => f.ruleId),
    ['privileged-container', 'host-network', 'image-not-pinned'],
  );
  assert.deepEqual(
    result.extra.map((f) => [f.ruleId, f.severity, f.location.startLine, f.location.startColumn, f.message]),
    [
      ['suppression-without-reason', 'medium', 14, 9, 'This suppression of run-as-root gives no reason (expected `<rule-id>[,<rule-id>] -- <reason>`).'],
      ['unused-suppression', 'low', 14, 9, '`seaworthy-ignore` for run-as-root suppresses nothing on the next line.'],
      ['unused-suppression', 'low', 17, 9, '`seaworthy-ignore` for writable-root-fs suppresses nothing on the next line.'],
    ],
  );
  assert.equal(result.extra[0]!.location.file, 'k8s/pod.yaml');
  assert.equal(result.extra[0]!.location.endColumn, 39);
});

test('the annotation on a pod template, handed over as targetAnnotations, suppresses too', () => {
  const m = emptyModel();
  const f = finding('host-pid', 'd.yaml', 30, { targetAnnotations: { 'seaworthy.io/ignore': 'host-pid,host-ipc -- node exporter' } });
  const result = applySuppressions([f], m, defaultConfig(), TODAY);
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.suppressed, [f]);
});

test('an unused annotation names its object; a reason-less one is reported', () => {
  const m = model();
  m.annotationSuppressions[0]!.raw = 'host-network';
  const result = applySuppressions([], m, defaultConfig(), TODAY);
  const messages = result.extra.filter((f) => f.location.startLine === 6).map((f) => f.message);
  assert.deepEqual(messages, [
    'This suppression of host-network gives no reason (expected `<rule-id>[,<rule-id>] -- <reason>`).',
    'The `seaworthy.io/ignore` annotation for host-network suppresses nothing on Pod/web.',
  ]);
});

test('suppressions of rules that did not run are not reported as unused', () => {
  const result = applySuppressions([], model(), defaultConfig(), TODAY, { ranRuleIds: ['privileged-container'] });
  assert.deepEqual(
    result.extra.map((f) => `${f.ruleId}:${f.location.file}:${f.location.startLine}`),
    ['suppression-without-reason:k8s/pod.yaml:14', 'unused-suppression:k8s/pod.yaml:12'],
  );
});

test('a misspelled rule id in a suppression is reported even when only some rules ran', () => {
  const m = emptyModel();
  m.files.set('Containerfile', sourceFile('Containerfile', '# seaworthy-ignore run-as-rot -- typo\nUSER root\n'));
  const result = applySuppressions([finding('run-as-root', 'Containerfile', 2)], m, defaultConfig(), TODAY, {
    ranRuleIds: ['run-as-root'],
    knownRuleIds: ['run-as-root', 'user-not-numeric'],
  });
  assert.equal(result.findings.length, 1);
  assert.deepEqual(result.extra.map((f) => f.message), ['run-as-rot is not a rule id, so this suppression suppresses nothing.']);
});

test('meta-rules follow the configuration: off, or another severity', () => {
  const config = defaultConfig();
  config.rules['unused-suppression'] = { enabled: false };
  config.rules['suppression-without-reason'] = { severity: 'high' };
  const result = applySuppressions([], model(), config, TODAY);
  assert.deepEqual(
    result.extra.map((f) => `${f.ruleId}:${f.severity}`),
    ['suppression-without-reason:high'],
  );
});

function exception(line: number, ex: Partial<ConfigException>): ConfigException {
  return { rules: ['run-as-root'], reason: 'accepted', loc: { file: '.seaworthy.yaml', startLine: line, startColumn: 5, endLine: line + 2, endColumn: 1 }, ...ex };
}

test('exceptions: by path glob, by resource; expired ones suppress nothing and are reported', () => {
  const config: Config = { ...defaultConfig(), baseDir: '/repo' };
  config.exceptions = [
    exception(3, { paths: ['legacy/**'], expires: '2026-06-15' }), // valid through today
    exception(7, { rules: ['privileged-container'], resource: { kind: 'Deployment', namespace: 'ops-*', name: 'agent' } }),
    exception(11, { paths: ['old/**'], expires: '2026-06-14' }), // expired yesterday
    exception(15, { rules: ['host-network'], paths: ['nowhere/**'] }), // matches nothing
  ];
  const findings = [
    finding('run-as-root', 'legacy/Containerfile', 3),
    finding('run-as-root', 'old/Containerfile', 3),
    finding('privileged-container', 'k8s/agent.yaml', 20, { resource: { kind: 'Deployment', namespace: 'ops-eu', name: 'agent', container: 'c' } }),
    finding('privileged-container', 'k8s/other.yaml', 20, { resource: { kind: 'Deployment', namespace: 'ops-eu', name: 'other' } }),
  ];
  const result = applySuppressions(findings, emptyModel(), config, TODAY, { cwd: '/repo' });
  assert.deepEqual(
    result.findings.map((f) => f.location.file),
    ['old/Containerfile', 'k8s/other.yaml'],
  );
  assert.deepEqual(
    result.extra.map((f) => [f.ruleId, f.location.file, f.location.startLine, f.message]),
    [
      ['expired-exception', '.seaworthy.yaml', 11, 'The exception for run-as-root expired on 2026-06-14; it no longer suppresses anything.'],
      ['unused-suppression', '.seaworthy.yaml', 15, 'The configuration exception for host-network suppresses nothing.'],
    ],
  );
  assert.deepEqual(applySuppressions(findings, emptyModel(), config, TODAY, { cwd: '/repo', reportUnusedExceptions: false }).extra.map((f) => f.ruleId), [
    'expired-exception',
  ]);
});

test('exception paths are relative to the config file, not to where the scan runs', () => {
  const config: Config = { ...defaultConfig(), baseDir: '/repo', exceptions: [exception(3, { paths: ['sub/legacy/**'] })] };
  const result = applySuppressions([finding('run-as-root', 'legacy/Containerfile', 1)], emptyModel(), config, TODAY, { cwd: '/repo/sub' });
  assert.deepEqual(result.findings, []);
});
