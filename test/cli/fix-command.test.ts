/**
 * `seaworthy fix` as users run it: a real process over real files in a temporary
 * folder — the diff, --write, standard input, --rule, suppressions and exit codes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';

const bin = join(repoRoot, 'bin/seaworthy.js');

function cli(args: string[], cwd: string, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-fix-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p # the pod
spec:
  containers:
    - name: app
      image: docker.io/library/nginx:1.27
`;

test('fix prints a unified diff, leaves the file alone and exits 1', () => {
  const dir = folder({ 'pod.yaml': POD });
  try {
    const r = cli(['fix', 'pod.yaml', '--rule', 'privilege-escalation-allowed'], dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      `--- a/pod.yaml\n+++ b/pod.yaml\n@@ -6,3 +6,5 @@\n   containers:\n     - name: app\n       image: docker.io/library/nginx:1.27\n+      securityContext:\n+        allowPrivilegeEscalation: false\n`,
    );
    assert.equal(readFileSync(join(dir, 'pod.yaml'), 'utf8'), POD);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fix --write edits in place; a rescan and a second fix find nothing left for the rule', () => {
  const dir = folder({ 'pod.yaml': POD });
  try {
    const rules = ['--rule', 'capabilities-not-dropped', '--rule', 'seccomp-unconfined', '--rule', 'service-account-token-mounted'];
    const r = cli(['fix', '--write', 'pod.yaml', ...rules], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /fixed 3 settings in 1 file: pod\.yaml/);
    const fixed = readFileSync(join(dir, 'pod.yaml'), 'utf8');
    assert.ok(fixed.startsWith(POD.split('\n').slice(0, 8).join('\n')), 'untouched lines stay byte-identical');
    assert.match(fixed, /drop: \[ALL\]/);
    assert.equal(cli(['scan', 'pod.yaml', ...rules], dir).code, 0);
    const again = cli(['fix', 'pod.yaml', ...rules], dir);
    assert.equal(again.stdout, '');
    assert.equal(again.code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fix - prints the fixed text; findings needing a decision go to standard error', () => {
  const input = POD.replace('    - name: app', '    - name: app\n      securityContext:\n        privileged: true');
  const r = cli(['fix', '-', '--rule', 'privileged-container', '--rule', 'privilege-escalation-allowed', '--rule', 'capabilities-not-dropped'], tmpdir(), input);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, input.replace('privileged: true', 'privileged: true\n        capabilities:\n          drop: [ALL]'));
  // Beside privileged: true the API server refuses allowPrivilegeEscalation: false, so that one is a decision too.
  assert.match(r.stderr, /Left for a decision:[\s\S]*privilege-escalation-allowed[\s\S]*privileged-container/);
});

test('a suppressed finding is never fixed', () => {
  const input = POD.replace('    - name: app', '    # seaworthy-ignore privilege-escalation-allowed -- needs sudo\n    - name: app');
  const r = cli(['fix', '-', '--rule', 'privilege-escalation-allowed'], tmpdir(), input);
  assert.equal(r.stdout, input);
  assert.equal(r.code, 0, r.stderr);
});

test('usage errors: --write with -, a root --uid, an unknown rule', () => {
  assert.equal(cli(['fix', '-', '--write'], tmpdir(), '').code, 2);
  assert.match(cli(['fix', '.', '--uid', '0'], tmpdir()).stderr, /root/);
  assert.match(cli(['fix', '.', '--rule', 'no-such-rule'], tmpdir()).stderr, /unknown rule/);
});
