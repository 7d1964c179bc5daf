import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson } from '../../src/report/format-json.js';
import { sampleResult } from './sample-result.js';

test('JSON follows the finding contract and leaks no internal field', () => {
  const out = formatJson(sampleResult());
  assert.ok(!out.includes('targetAnnotations'));
  assert.deepEqual(JSON.parse(out), {
    findings: [
      {
        ruleId: 'run-as-root',
        severity: 'medium',
        message: 'The final stage runs as root.',
        location: { file: 'Containerfile', startLine: 3, startColumn: 1, endLine: 3, endColumn: 10 },
        remedy: 'Add `USER 10001:10001`.\nOr set it in the pod.',
        related: [{ message: 'base image sets no user', location: { file: 'Containerfile', startLine: 1, startColumn: 1, endLine: 1, endColumn: 17 } }],
      },
      {
        ruleId: 'privileged-container',
        severity: 'critical',
        message: 'Privileged mode is on.',
        location: { file: 'deploy/web.yaml', startLine: 9, startColumn: 21, endLine: 9, endColumn: 25 },
        resource: { kind: 'Deployment', namespace: 'shop', name: 'web', container: 'app' },
        remedy: 'Remove privileged mode.',
      },
    ],
    errors: [{ file: 'broken.yaml', line: 3, column: 7, message: 'bad indentation of a mapping entry', code: 'parse' }],
    warnings: [],
    summary: { total: 2, bySeverity: { low: 0, medium: 1, high: 0, critical: 1 }, errors: 1, warnings: 0, filesScanned: 3, config: null },
  });
});

test('compact JSON is one line, and an empty scan still has every key', () => {
  const out = formatJson({ findings: [], errors: [], rules: [], scanned: { files: 0 }, toolVersion: '0' }, { pretty: false });
  assert.equal(out, '{"findings":[],"errors":[],"warnings":[],"summary":{"total":0,"bySeverity":{"low":0,"medium":0,"high":0,"critical":0},"errors":0,"warnings":0,"filesScanned":0,"config":null}}\n');
});

test('the streamed pieces join to exactly JSON.stringify of the report', async () => {
  const { jsonChunks, toJsonReport } = await import('../../src/report/format-json.js');
  const { sampleResult } = await import('./sample-result.js');
  for (const result of [sampleResult(), { ...sampleResult(), findings: [], errors: [] }]) {
    assert.equal([...jsonChunks(result)].join(''), JSON.stringify(toJsonReport(result), null, 2) + '\n');
  }
});

test('findings written by hand match the generic printer in every optional field and across chunks', async () => {
  const { jsonChunks, toJsonReport } = await import('../../src/report/format-json.js');
  const { sampleResult } = await import('./sample-result.js');
  const base = sampleResult();
  const loc = (n: number) => ({ file: `dir/"quoted"\\file-${n}.yaml`, startLine: n, startColumn: 3, endLine: n + 1, endColumn: 9 });
  const findings = Array.from({ length: 2500 }, (_, i) => ({
    ruleId: i % 2 ? 'run-as-root' : 'vulnerable-package',
    severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4]!,
    message: `message ${i} with "quotes", a tab\t, a lone surrogate \ud800, émoji 🚢 and \u2028`,
    location: loc(i + 1),
    ...(i % 3 === 0 && { resource: { kind: 'Deployment', namespace: 'ns', name: `web-${i}`, container: 'app', image: 'nginx', layer: 'sha256:ab', path: '/etc/x' } }),
    ...(i % 3 === 1 && { resource: { kind: 'Pod' } }),
    ...(i % 5 === 0 && { remedy: 'do "this"' }),
    ...(i % 7 === 0 && { related: [{ message: 'also here', location: loc(1) }, { message: 'and here', location: loc(2) }] }),
    ...(i % 11 === 0 && { vulnerability: { advisoryId: 'CVE-1', aliases: [], ecosystem: 'Debian:12', package: 'p', sourcePackage: 's', installedVersion: '1', fixedVersion: '2' } }),
    ...(i % 13 === 0 && { fieldPath: 'spec.containers[0]' }),
    ...(i % 17 === 0 && { origin: { tool: 'helm' as const, name: 'r', detail: 'Helm release r' } }),
  }));
  const result = { ...base, findings };
  assert.equal([...jsonChunks(result)].join(''), JSON.stringify(toJsonReport(result), null, 2) + '\n');
});
