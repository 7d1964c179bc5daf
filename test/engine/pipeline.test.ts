/**
 * The library pieces together, as the CLI will chain them: config → rules →
 * suppressions → reporters, on a YAML file with positions from the real parser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/parse-config.js';
import { selectRules, settingsFromConfig } from '../../src/config/settings-from-config.js';
import { applySuppressions } from '../../src/engine/suppressions.js';
import { metaRules } from '../../src/engine/meta-rules.js';
import { runRules } from '../../src/engine/run-rules.js';
import { emptyModel } from '../../src/model/scan-model.js';
import type { Workload } from '../../src/model/workload.js';
import { formatJson } from '../../src/report/format-json.js';
import { toSarifLog } from '../../src/report/format-sarif.js';
import { defineRule } from '../../src/rules/rule.js';
import { parseYaml } from '../../src/sources/yaml/parse-yaml.js';
import { locAt } from '../../src/sources/yaml/yaml-node.js';
import { sourceFile } from '../../src/sources/source-file.js';

const hostNetwork = defineRule({
  id: 'host-network',
  title: 'Host network',
  severity: 'high',
  inputs: ['K8S'],
  rationale: 'r',
  remedy: 'Remove hostNetwork.',
  references: [],
  messages: { on: 'hostNetwork is on for {{name}}.' },
  check(ctx) {
    for (const w of ctx.workloads()) if (w.hostNetwork?.value) ctx.report({ messageId: 'on', data: { name: w.name ?? '?' }, loc: w.hostNetwork.loc, target: w });
  },
});

const PODS = `kind: Pod
metadata:
  name: a
  annotations: { seaworthy.io/ignore: "host-network -- CNI agent" }
spec:
  hostNetwork: true
---
kind: Pod
metadata:
  name: b
spec:
  # seaworthy-ignore host-network
  hostNetwork: true
---
kind: Pod
metadata:
  name: c
spec:
  hostNetwork: true
`;

test('config, rules, suppressions and reporters fit together', () => {
  const src = sourceFile('pods.yaml', PODS);
  const model = emptyModel();
  model.files.set(src.path, src);
  for (const doc of parseYaml(src)) {
    const value = doc.value as { metadata: { name: string; annotations?: Record<string, string> } };
    const w: Workload = {
      input: 'K8S',
      file: src.path,
      loc: locAt(doc.node!, ['metadata', 'name']),
      kind: 'Pod',
      name: value.metadata.name,
      labels: {},
      annotations: value.metadata.annotations ?? {},
      containers: [],
      hostNetwork: { value: true, loc: locAt(doc.node!, ['spec', 'hostNetwork']) },
    };
    model.workloads.push(w);
  }
  const { config, errors } = parseConfig(sourceFile('.seaworthy.yaml', 'rules:\n  host-network: critical\n'), ['host-network']);
  assert.deepEqual(errors, []);
  const selection = selectRules([hostNetwork], config);
  const raw = runRules(model, { rules: selection.rules, settings: settingsFromConfig(config), severities: selection.severities });
  assert.equal(raw.length, 3);
  const { findings, extra, suppressed } = applySuppressions(raw, model, config, new Date('2026-01-01'));
  // a: annotation; b: a comment without a reason still suppresses, and is reported itself.
  assert.deepEqual(findings.map((f) => f.message), ['hostNetwork is on for c.']);
  assert.equal(suppressed.length, 2);
  assert.deepEqual(extra.map((f) => `${f.ruleId}:${f.location.startLine}`), ['suppression-without-reason:12']);

  const result = { findings: [...findings, ...extra], errors, rules: [hostNetwork, ...metaRules], scanned: { files: 1 }, suppressed: suppressed.length, toolVersion: '0.1.0' };
  const json = JSON.parse(formatJson(result)) as { findings: { ruleId: string; severity: string; location: { startLine: number } }[]; summary: { suppressed: number } };
  assert.deepEqual(json.findings.map((f) => [f.ruleId, f.severity, f.location.startLine]), [
    ['suppression-without-reason', 'medium', 12],
    ['host-network', 'critical', 19],
  ]);
  assert.equal(json.summary.suppressed, 2);
  const run = toSarifLog(result).runs[0]!;
  assert.deepEqual(run.results!.map((r) => run.tool.driver.rules![r.ruleIndex!]!.id), ['suppression-without-reason', 'host-network']);
});
