/**
 * `seaworthy image --timeout`: the overall limit of an image scan. A registry that
 * trickles its answer stays inside every per-call idle timeout, and would hold the
 * scan for the 2-minute manifest deadline; the overall limit ends it sooner, with
 * exit code 2 and one line that says why.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../support/prerequisites.js';

let server: http.Server;
let host = '';
let requests = 0;

before(async () => {
  server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    const tick = setInterval(() => res.write(' '), 200);
    res.on('close', () => clearInterval(tick));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server?.close());

/** The CLI, asynchronously: the registry answering it lives in this process. */
function image(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'image', ...args], { encoding: 'utf8', timeout: 120_000 }, (_e, _stdout, stderr) => resolve({ status: child.exitCode, stderr }));
  });
}

test('a trickling registry is stopped at --timeout: exit 2 and a line naming the limit', async () => {
  const r = await image(`docker://${host}/team/app:v1`, '--tls-verify=false', '--timeout', '2s');
  assert.ok(requests > 0, 'the registry was asked');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`docker://${host.replace(/\./g, '\\.')}/team/app:v1: the image scan did not finish within 2 s \\(--timeout\\); stopped`));
});

test('--timeout takes a duration', async () => {
  const r = await image(`docker://${host}/team/app:v1`, '--timeout', 'never');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--timeout "never" is not a duration \(e\.g\. 30s, 10m, 1h\)/);
});
