/**
 * Messages read as sentences in the words of the input the user has open: a
 * Compose service is a "Service", a subject inside a sentence is not capitalised,
 * and one pod-security violation set in several places is one finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScan } from '../../src/scan/run-scan.js';
import { formatMessage } from '../../src/rules/rule.js';

async function scan(files: Record<string, string>, only: string[], podSecurity?: 'restricted') {
  const dir = mkdtempSync(join(tmpdir(), 'sw-wording-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const { result } = await runScan([dir], { overrides: { only, ...(podSecurity && { podSecurity: { level: podSecurity, version: 'latest' } }) } });
    return result.findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a Compose service is a Service in every message', async () => {
  const findings = await scan({ 'compose.yaml': 'services:\n  api:\n    image: ghcr.io/acme/api:1\n    privileged: true\n    network_mode: host\n    cap_add: [SYS_ADMIN]\n' }, ['privileged-container', 'host-network', 'dangerous-capability']);
  assert.equal(findings.length, 3);
  for (const f of findings) assert.match(f.message, /^Service "api" /, f.message);
});

test('a subject inside a sentence is not capitalised', () => {
  assert.equal(formatMessage('The final user of {{subject}} is "app".', { subject: 'The final stage' }), 'The final user of the final stage is "app".');
  assert.equal(formatMessage('{{subject}} runs as root.', { subject: 'The final stage' }), 'The final stage runs as root.');
});

test('one pod-security violation written on several lines is reported once, the other lines related', async () => {
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  template:',
    '    spec:',
    '      securityContext:',
    '        runAsUser: 0',
    '      containers:',
    '      - name: app',
    '        image: nginx:1.27',
    '        securityContext: {runAsUser: 0, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}',
    '      - name: side',
    '        image: nginx:1.27',
    '        securityContext: {runAsUser: 0, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}',
    '',
  ].join('\n');
  const findings = await scan({ 'web.yaml': deployment }, ['pod-security-restricted'], 'restricted');
  const runAsUser = findings.filter((f) => f.message.includes('runAsUser='));
  assert.equal(runAsUser.length, 1, findings.map((f) => f.message).join('\n'));
  assert.equal(runAsUser[0]!.location.startLine, 8);
  assert.deepEqual(runAsUser[0]!.related?.map((r) => r.location.startLine), [12, 15]);
});
