/**
 * Every reporter writes a file with 150k findings in pieces, without spreading the
 * list into a call (which overflows the stack past ~120k arguments) and without
 * building the report as one string; joined, the pieces are the plain report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/model/finding.js';
import { formatJson, jsonChunks } from '../../src/report/format-json.js';
import { formatSarif, sarifChunks, toSarifLog } from '../../src/report/format-sarif.js';
import { formatText, textChunks } from '../../src/report/format-text.js';
import type { ScanResult } from '../../src/report/scan-result.js';
import { privileged, rootUser, sampleResult } from './sample-result.js';

const COUNT = 150_000;

function manyFindings(): ScanResult {
  const findings: Finding[] = [];
  for (let i = 0; i < COUNT; i++) {
    findings.push({
      ruleId: i % 2 ? 'privileged-container' : 'run-as-root',
      severity: i % 2 ? 'critical' : 'high',
      message: `finding ${i}`,
      location: { file: 'run.sh', startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 10 },
      remedy: 'Remove it.',
    });
  }
  return { findings, errors: [], rules: [privileged, rootUser], scanned: { files: 1 }, toolVersion: '0.1.0' };
}

function pieces(chunks: Iterable<string>): { count: number; largest: number; text: string } {
  let count = 0;
  let largest = 0;
  const all: string[] = [];
  for (const c of chunks) {
    count++;
    largest = Math.max(largest, c.length);
    all.push(c);
  }
  return { count, largest, text: all.join('') };
}

test('text, JSON and SARIF write 150k findings of one file in small pieces', () => {
  const result = manyFindings();
  // Text and SARIF yield a piece per line or result; JSON stringifies batches of 1,000
  // findings natively (format-json.ts), so it yields at least one piece per batch.
  for (const [name, chunks, minPieces] of [
    ['text', textChunks(result), COUNT],
    ['json', jsonChunks(result), COUNT / 1000],
    ['sarif', sarifChunks(result), COUNT],
  ] as const) {
    const p = pieces(chunks);
    assert.ok(p.count > minPieces, `${name}: ${p.count} pieces`);
    assert.ok(p.largest < 1_000_000, `${name}: largest piece ${p.largest} characters`);
    assert.ok(p.text.includes(`finding ${COUNT - 1}`), name);
  }
});

test('joined, the SARIF pieces are exactly the pretty log (with and without results)', () => {
  const sample = sampleResult();
  assert.equal(formatSarif(sample), JSON.stringify(toSarifLog(sample), null, 2) + '\n');
  const none = { ...sample, findings: [], errors: [] };
  assert.equal(formatSarif(none), JSON.stringify(toSarifLog(none), null, 2) + '\n');
  const withBase = formatSarif(sample, { baseDir: '/repo' });
  assert.equal(withBase, JSON.stringify(toSarifLog(sample, { baseDir: '/repo' }), null, 2) + '\n');
  assert.equal(JSON.parse(formatJson(manyFindings())).summary.total, COUNT);
  assert.ok(formatText(sample).endsWith('\n'));
});
