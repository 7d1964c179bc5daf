/**
 * A configuration cannot silence a scan unseen: the report names the configuration
 * file in use (JSON summary, SARIF invocation, text summary line), and one that
 * turns every rule off or excludes every input is a warning in every format.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScan } from '../../src/scan/run-scan.js';
import { rules } from '../../src/rules/index.js';
import { formatJson } from '../../src/report/format-json.js';
import { formatSarif } from '../../src/report/format-sarif.js';
import { formatText } from '../../src/report/format-text.js';

let base: string;
before(async () => {
  base = await mkdtemp(join(tmpdir(), 'seaworthy-silence-'));
});
after(async () => {
  await rm(base, { recursive: true, force: true });
});

async function repo(name: string, config: string | undefined): Promise<string> {
  const d = join(base, name);
  await mkdir(join(d, 'app'), { recursive: true });
  await writeFile(join(d, 'app', 'Containerfile'), 'FROM alpine:3.20\nUSER root\n');
  if (config !== undefined) await writeFile(join(d, '.seaworthy.yaml'), config);
  return d;
}

function everyFormat(result: Parameters<typeof formatJson>[0]): { json: ReturnType<typeof JSON.parse>; sarif: ReturnType<typeof JSON.parse>; text: string } {
  return { json: JSON.parse(formatJson(result)), sarif: JSON.parse(formatSarif(result)), text: formatText(result) };
}

test('the report names the configuration file in use, and null for the defaults', async () => {
  const d = await repo('named', 'failOn: high\n');
  const { result } = await runScan([d]);
  const out = everyFormat(result);
  assert.match(out.json.summary.config, /\.seaworthy\.yaml$/);
  assert.match(out.sarif.runs[0].invocations[0].properties.configFile, /\.seaworthy\.yaml$/);
  assert.match(out.text, /\(config .*\.seaworthy\.yaml\)/);
  const plain = await repo('defaults', undefined);
  const { result: r2 } = await runScan([plain]);
  assert.equal(everyFormat(r2).json.summary.config, null);
});

test('a configuration that disables every rule is a warning in every format', async () => {
  const off = rules.map((r) => `  ${r.id}: off`).join('\n');
  const d = await repo('all-off', `rules:\n${off}\n`);
  const { result } = await runScan([d]);
  assert.equal(result.findings.length, 0);
  const w = (result.warnings ?? []).find((x) => x.code === 'config-silences-scan');
  assert.ok(w, JSON.stringify(result.warnings));
  assert.match(w.file, /\.seaworthy\.yaml$/);
  const out = everyFormat(result);
  assert.ok(out.json.warnings.some((x: { code: string }) => x.code === 'config-silences-scan'));
  assert.ok(JSON.stringify(out.sarif.runs[0].invocations[0].toolExecutionNotifications).includes('disables every rule'));
  assert.match(out.text, /disables every rule/);
  // Naming rules on the command line is the user's own choice, not a silenced scan.
  const { result: byFlag } = await runScan([d], { overrides: { only: ['run-as-root'] } });
  assert.ok(!(byFlag.warnings ?? []).some((x) => x.code === 'config-silences-scan'));
});

test('exclude patterns that leave no input are a warning naming the configuration', async () => {
  const d = await repo('all-excluded', 'exclude:\n  - "**/Containerfile"\n');
  const { result } = await runScan([d]);
  const w = (result.warnings ?? []).find((x) => x.code === 'all-excluded');
  assert.ok(w, JSON.stringify(result.warnings));
  assert.match(w.message, /\*\*\/Containerfile/);
  assert.match(w.message, /set in .*\.seaworthy\.yaml/);
  assert.equal(result.scanned.files, 0);
  // One file left unexcluded: no such warning.
  await writeFile(join(d, 'app', 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
  const { result: r2 } = await runScan([d]);
  assert.ok(!(r2.warnings ?? []).some((x) => x.code === 'all-excluded'));
});
