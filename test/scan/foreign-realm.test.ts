/**
 * `seaworthy image --foreign-realm` and the `foreignRealm` configuration key: a
 * registry whose Bearer challenge names a token service on another host gets that
 * service asked without credentials (anonymous, the default) or the pull refused —
 * and in neither case does the other host see the password from the auth file.
 *
 * Loopback HTTPS servers play the registry (a real image layout's blobs) and the
 * foreign token service; the CLI runs as a child process, as users run it.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzip, tarOf, writeLayout } from '../support/oci-craft.js';
import { needPrograms, repoRoot } from '../support/prerequisites.js';

const PASSWORD = 'pw-for-the-registry-only';
const BASIC = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;

describe('a token realm on another host', { skip: needPrograms('openssl') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-realm-'));
  let registry: https.Server;
  let tokens: https.Server;
  let registryHost = '';
  let tokenHost = '';
  const tokenRequests: (string | undefined)[] = [];
  const registryRequests: (string | undefined)[] = [];
  const none: string | undefined = undefined;

  async function listen(server: https.Server): Promise<string> {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  before(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
    const layout = join(dir, 'layout');
    writeLayout(layout, [{ blob: gzip(await tarOf([{ name: 'bin/sh', content: 'x' }])) }]);
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    const blob = (d: string): Buffer => readFileSync(join(layout, 'blobs', 'sha256', d.replace('sha256:', '')));
    tokens = https.createServer(tls, (req, res) => {
      tokenRequests.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'anon-token' }));
    });
    tokenHost = await listen(tokens);
    registry = https.createServer(tls, (req, res) => {
      registryRequests.push(req.headers.authorization);
      if (req.headers.authorization !== 'Bearer anon-token') {
        return void res.writeHead(401, { 'www-authenticate': `Bearer realm="https://${tokenHost}/token",service="registry",scope="repository:team/app:pull"` }).end();
      }
      const url = req.url!;
      if (url === '/v2/team/app/manifests/v1') return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(blob(index.manifests[0]!.digest));
      const m = /^\/v2\/team\/app\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url);
      if (m) return void res.writeHead(200).end(blob(m[1]!));
      res.writeHead(404).end();
    });
    registryHost = await listen(registry);
    writeFileSync(join(dir, 'auth.json'), JSON.stringify({ auths: { [registryHost]: { auth: Buffer.from(`alice:${PASSWORD}`).toString('base64') } } }));
  });
  after(() => {
    registry?.close();
    tokens?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * `seaworthy image` in `cwd` (where a .seaworthy.yaml may sit), JSON report. Run
   * asynchronously: the servers answering it live in this process.
   */
  async function image(cwd: string, ...flags: string[]): Promise<{ status: number | null; stderr: string; report: { errors: { message: string }[] } | undefined }> {
    const args = [join(repoRoot, 'bin/seaworthy.js'), 'image', `docker://${registryHost}/team/app:v1`, '--authfile', join(dir, 'auth.json'), '--tls-verify=false', '--format', 'json', ...flags];
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, args, { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 }, (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }));
    });
    let report;
    try {
      report = JSON.parse(r.stdout) as { errors: { message: string }[] };
    } catch {
      report = undefined;
    }
    return { status: r.status, stderr: r.stderr, report };
  }

  function reset(): void {
    tokenRequests.length = 0;
    registryRequests.length = 0;
  }

  test('by default the foreign token service is asked without credentials, and the image is read', async () => {
    reset();
    const r = await image(dir);
    assert.ok(r.report, r.stderr);
    assert.deepEqual(r.report.errors, []);
    assert.ok(!registryRequests.includes(BASIC) && !tokenRequests.includes(BASIC), 'the password went nowhere: the registry asked for a Bearer token');
    assert.ok(registryRequests.includes('Bearer anon-token'));
    assert.deepEqual(tokenRequests, [none], 'asked once, anonymously');
  });

  test('--foreign-realm refuse: no request to the foreign host, an error naming both hosts, exit 2', async () => {
    reset();
    const r = await image(dir, '--foreign-realm', 'refuse');
    assert.equal(r.status, 2, r.stderr);
    assert.deepEqual(tokenRequests, []);
    const message = r.report!.errors.map((e) => e.message).join('\n');
    assert.ok(message.includes(`token realm ${tokenHost} is not on ${registryHost}; refused to send it credentials`), message);
    assert.ok(!message.includes(PASSWORD));
  });

  test('foreignRealm: refuse in the configuration does the same; the flag wins over it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'seaworthy-realm-config-'));
    try {
      writeFileSync(join(cwd, '.seaworthy.yaml'), 'foreignRealm: refuse\n');
      reset();
      assert.equal((await image(cwd)).status, 2);
      assert.deepEqual(tokenRequests, []);
      reset();
      const r = await image(cwd, '--foreign-realm', 'anonymous');
      assert.deepEqual(r.report?.errors, [], r.stderr);
      assert.deepEqual(tokenRequests, [none]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('a value other than anonymous or refuse is a usage error, for image and for serve harbor', async () => {
    const bad = await image(dir, '--foreign-realm', 'basic');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--foreign-realm takes anonymous or refuse, not "basic"/);
    const harbor = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'serve', 'harbor', '--registry-foreign-realm', 'yes'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(harbor.status, 2);
    assert.match(harbor.stderr, /--registry-foreign-realm must be refuse or anonymous; found "yes"/);
  });
});
