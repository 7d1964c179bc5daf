/**
 * The warnings channel: what the user should know that did not stop an input from
 * being read. Every reporter shows warnings apart from errors, and the exit code
 * never depends on them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import { formatJson, toJsonReport } from '../../src/report/format-json.js';
import { toSarifLog } from '../../src/report/format-sarif.js';
import { formatStatus, formatText } from '../../src/report/format-text.js';
import { exitCode } from '../../src/cli/scan-command.js';
import { emptyModel, warn } from '../../src/model/scan-model.js';
import type { ScanResult } from '../../src/report/scan-result.js';
import { sampleResult } from './sample-result.js';

function withWarnings(): ScanResult {
  const model = emptyModel();
  warn(model, { file: 'README.md', line: 40, column: 12 }, 'unknown podman flag --frobnicate: ignored (parsing went on)', 'unknown-flag');
  warn(model, { file: 'Quadlet/web.kube', startLine: 3, startColumn: 6, endLine: 3, endColumn: 20 }, 'Yaml=web.yaml is absent: nothing to check for this unit', 'missing-reference');
  warn(model, { file: 'charts/nginx' }, 'chart nginx: 12 templates skipped', 'helm-templates');
  return { ...sampleResult(), warnings: model.warnings };
}

test('warn() records a place from a Location or a file/line and keeps the shape of an error', () => {
  const [flag, quadlet, chart] = withWarnings().warnings!;
  assert.deepEqual(flag, { file: 'README.md', line: 40, column: 12, message: 'unknown podman flag --frobnicate: ignored (parsing went on)', code: 'unknown-flag' });
  assert.deepEqual(quadlet, { file: 'Quadlet/web.kube', line: 3, column: 6, message: 'Yaml=web.yaml is absent: nothing to check for this unit', code: 'missing-reference' });
  assert.deepEqual(chart, { file: 'charts/nginx', message: 'chart nginx: 12 templates skipped', code: 'helm-templates' });
});

test('JSON has a sorted warnings array and counts it in the summary; pretty and compact agree', () => {
  const result = withWarnings();
  const pretty = JSON.parse(formatJson(result)) as ReturnType<typeof toJsonReport>;
  assert.deepEqual(pretty, toJsonReport(result));
  assert.deepEqual(Object.keys(pretty), ['findings', 'errors', 'warnings', 'summary']);
  assert.deepEqual(pretty.warnings.map((w) => w.file), ['Quadlet/web.kube', 'README.md', 'charts/nginx']);
  assert.equal(pretty.summary.warnings, 3);
  assert.equal(pretty.summary.errors, 1);
  const none = JSON.parse(formatJson(sampleResult(), { pretty: false })) as ReturnType<typeof toJsonReport>;
  assert.deepEqual(none.warnings, [], 'always present, empty when there is nothing to say');
});

test('SARIF: errors and warnings are notifications; executionSuccessful is false only with errors', () => {
  const run = toSarifLog(withWarnings()).runs[0]!;
  const invocation = run.invocations![0]!;
  assert.equal(invocation.executionSuccessful, false);
  const notes = invocation.toolExecutionNotifications!;
  assert.deepEqual(notes.map((n: Sarif.Notification) => [n.level, n.descriptor?.id]), [
    ['error', 'parse'],
    ['warning', 'missing-reference'],
    ['warning', 'unknown-flag'],
    ['warning', 'helm-templates'],
  ]);
  assert.deepEqual(notes[2]!.locations![0]!.physicalLocation!.region, { startLine: 40, startColumn: 12 });
  const clean = toSarifLog({ ...withWarnings(), errors: [] }).runs[0]!.invocations![0]!;
  assert.equal(clean.executionSuccessful, true, 'warnings alone do not make the run fail');
  assert.equal(clean.toolExecutionNotifications!.length, 3);
});

test('text: a dimmed warnings section after the errors, counted in the summary line', () => {
  const text = formatText(withWarnings());
  const lines = text.split('\n');
  const at = lines.indexOf('warnings');
  assert.ok(at > lines.indexOf('errors') && lines.indexOf('errors') > 0, text);
  assert.equal(lines[at + 2], '  README.md:40:12  unknown-flag  unknown podman flag --frobnicate: ignored (parsing went on)');
  assert.match(lines.at(-2)!, /and 1 error in 3 files scanned, 3 warnings$/);
  const colored = formatText(withWarnings(), { color: true });
  assert.ok(colored.includes('\u001b[2m  README.md:40:12  unknown-flag'), 'warning rows are dimmed');
  // The status alone (for stderr when the report goes to a file) has no findings.
  const status = formatStatus(withWarnings());
  assert.doesNotMatch(status, /privileged-container/);
  assert.match(status, /^errors\n {2}broken\.yaml:3:7 {2}parse/);
  assert.match(status, /warnings\n/);
});

test('warnings never change the exit code', () => {
  const result = { ...withWarnings(), errors: [], findings: [] };
  assert.equal(exitCode(result, 'low'), 0);
  assert.equal(exitCode({ ...result, findings: sampleResult().findings }, 'critical'), 1);
});
