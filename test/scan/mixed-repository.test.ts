/**
 * Issue 4's "done means": a repository with a Compose file, a deploy script of
 * `podman run` lines, Quadlet units and a README with `docker run` examples,
 * scanned in one `seaworthy scan .`, where every finding points at the exact
 * text to change. Also the guides' own run lines, with the findings a reader of
 * the guides would expect.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';

interface JsonFinding { ruleId: string; message: string; location: { file: string; startLine: number; startColumn: number; endLine: number; endColumn: number } }

let dir: string;
const files: Record<string, string> = {
  'compose.yaml': `services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
    tmpfs:
      - /run:size=16m
    read_only: true
    user: "10001"
    security_opt: [no-new-privileges:true]
    cap_drop: [ALL]
    mem_limit: 256m
    cpus: 0.5
`,
  'deploy.sh': `#!/bin/sh
set -eu
podman run -d --name db \\
  --pids-limit 100 \\
  -e POSTGRES_PASSWORD=hunter2-but-longer \\
  -v /var/run/docker.sock:/var/run/docker.sock \\
  postgres:16
`,
  'app.container': `[Container]
Image=registry.example.com/app:1.4
User=10001
ReadOnly=true
NoNewPrivileges=true
DropCapability=all
PublishPort=9000:9000
Tmpfs=/tmp:rw,nosuid,nodev,noexec,size=64m
PidsLimit=64

[Service]
MemoryMax=256M
CPUQuota=50%
`,
  'README.md': `# App

Try it:

\`\`\`console
$ docker run --rm --privileged -p 127.0.0.1:3000:3000 app:dev
\`\`\`
`,
};

function textAt(f: JsonFinding, base = dir): string {
  const lines = readFileSync(join(base, f.location.file), 'utf8').split('\n');
  const { startLine, startColumn, endLine, endColumn } = f.location;
  if (startLine === endLine) return lines[startLine - 1]!.slice(startColumn - 1, endColumn - 1);
  return [lines[startLine - 1]!.slice(startColumn - 1), ...lines.slice(startLine, endLine - 1), lines[endLine - 1]!.slice(0, endColumn - 1)].join('\n');
}

function scan(cwd: string, args: string[]): JsonFinding[] {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'scan', ...args, '-f', 'json'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const body = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: unknown[] };
  assert.deepEqual(body.errors, []);
  return body.findings;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'seaworthy-repo-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('one scan reads all four kinds of file and points at the text to change', () => {
  const findings = scan(dir, ['.']);
  const at = (ruleId: string, file: string) => findings.filter((f) => f.ruleId === ruleId && f.location.file === file).map((f) => textAt(f));
  // Compose: the published port without a host address, at the port item (where every rule judging that port points)
  assert.deepEqual(at('port-exposed-all-interfaces', 'compose.yaml'), ['"8080:80"']);
  // Compose tmpfs with a size but without nosuid/nodev/noexec
  assert.match(at('tmpfs-unhardened', 'compose.yaml')[0]!, /\/run:size=16m/);
  // Compose: no pids limit, at the service key
  assert.deepEqual(at('missing-pids-limit', 'compose.yaml'), ['web']);
  // Script: the socket mount at its -v flag, the password at its -e flag, never printed
  assert.match(at('sensitive-host-mount', 'deploy.sh')[0]!, /docker\.sock/);
  assert.deepEqual(at('secret-in-env', 'deploy.sh'), ['hunter2-but-longer'], 'the literal to remove');
  assert.ok(findings.every((f) => !f.message.includes('hunter2')), 'the secret value never appears');
  // Script: missing flags at the `podman run` span
  assert.equal(at('run-as-root', 'deploy.sh')[0], 'podman run');
  // Quadlet: the port at its PublishPort= entry; hardened otherwise
  assert.deepEqual(at('port-exposed-all-interfaces', 'app.container'), ['PublishPort=9000:9000']);
  assert.deepEqual(findings.filter((f) => f.location.file === 'app.container' && ['run-as-root', 'writable-root-fs', 'tmpfs-unhardened', 'missing-pids-limit', 'missing-memory-limit', 'missing-cpu-limit', 'privilege-escalation-allowed', 'capabilities-not-dropped'].includes(f.ruleId)).map((f) => f.ruleId), []);
  // README: the docker run example, privileged at its flag, its loopback port not flagged
  assert.deepEqual(at('privileged-container', 'README.md'), ['--privileged']);
  assert.deepEqual(at('port-exposed-all-interfaces', 'README.md'), []);
  // Compose service hardened by its keys: none of these fire for it
  assert.deepEqual(findings.filter((f) => f.location.file === 'compose.yaml' && ['run-as-root', 'writable-root-fs', 'privilege-escalation-allowed', 'capabilities-not-dropped', 'missing-memory-limit', 'missing-cpu-limit'].includes(f.ruleId)).map((f) => f.ruleId), []);
});

test("the guides' run lines give the findings a reader expects", () => {
  const fixtures = join(repoRoot, 'test/sources/command-line/fixtures');
  const findings = scan(fixtures, ['guides.md']);
  const on = (line: number) => findings.filter((f) => f.location.startLine === line).map((f) => f.ruleId).sort();
  // `--user 1:bin` is not root
  assert.ok(!on(6).includes('run-as-root'));
  // `--read-only` alone: no writable-root-fs, but no pids limit
  assert.ok(!on(14).includes('writable-root-fs'));
  assert.ok(on(14).includes('missing-pids-limit'));
  // `podman --tmpfs /tmp:rw,size=64m`: sized; podman adds nosuid,nodev itself, so only noexec is missing — said at the flag
  const sized = findings.find((f) => f.ruleId === 'tmpfs-unhardened' && f.location.startLine === 15)!;
  assert.equal(textAt(sized, fixtures), '--tmpfs /tmp:rw,size=64m');
  assert.match(sized.message, /at \/tmp without noexec:/);
  assert.doesNotMatch(sized.message, /size limit/);
  // `--tmpfs /test:nodev,nosuid,noexec`: only the size limit is missing
  const unsized = findings.find((f) => f.ruleId === 'tmpfs-unhardened' && f.location.startLine === 19)!;
  assert.match(unsized.message, /without a size limit/);
  // limits, a loopback-only port and no-new-privileges on line 26: none of those rules fire
  for (const id of ['missing-cpu-limit', 'missing-memory-limit', 'port-exposed-all-interfaces', 'privilege-escalation-allowed']) assert.ok(!on(26).includes(id), id);
  // plain `docker run -d nginx`: the defaults, all reported
  for (const id of ['run-as-root', 'image-not-pinned', 'missing-pids-limit', 'writable-root-fs', 'capabilities-not-dropped']) assert.ok(on(29).includes(id), id);
  // prose and YAML blocks that mention podman run are not commands
  assert.deepEqual(on(35), []);
  assert.deepEqual(on(38), []);
});
