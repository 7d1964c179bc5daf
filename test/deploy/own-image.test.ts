import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/kube-cluster.js';
import { needPrograms, prerequisite, repoRoot } from '../support/prerequisites.js';
import { makeServingCerts } from '../../src/servers/serving-certs.js';
import { call } from '../servers/https-client.js';
import { privilegedPod, review } from '../admission/reviews.js';

const ROOTFS = process.env['SEAWORTHY_DEBIAN_ROOTFS'] ?? '/root/.cache/seaworthy/debootstrap-bookworm-minbase.tar';
const skip = needPrograms('buildah', 'chroot', 'ldd') ?? prerequisite(existsSync(ROOTFS), `${ROOTFS} (bash scripts/debian-rootfs.sh)`);
const TAG = 'localhost/seaworthy:test';

function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...(options.env && { env: options.env }) });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

// Building takes minutes (vfs storage, npm ci in the build stage): one build for every check.
test('the project Containerfile builds (buildah, --pull=never on local stand-ins of its bases), runs, and its image has no finding', { skip, timeout: 40 * 60_000 }, async (t) => {
  const storage = mkdtempSync(join(tmpdir(), 'seaworthy-own-image-'));
  const buildah = (args: string[]): string => run('buildah', ['--root', join(storage, 'root'), '--runroot', join(storage, 'runroot'), '--storage-driver', 'vfs', ...args]);
  let container: string | undefined;
  t.after(() => {
    if (container) spawnSync('buildah', ['--root', join(storage, 'root'), '--runroot', join(storage, 'runroot'), '--storage-driver', 'vfs', 'rm', container]);
    rmSync(storage, { recursive: true, force: true });
  });
  run('bash', [join(repoRoot, 'scripts/build-own-image.sh'), storage, TAG]);

  const config = JSON.parse(buildah(['inspect', '--type', 'image', TAG])).OCIv1.config as { User: string; Entrypoint: string[]; Cmd: string[]; Env: string[] };
  assert.equal(config.User, '65532:65532');
  assert.deepEqual(config.Entrypoint, ['/nodejs/bin/node', '/app/bin/seaworthy.js']);

  // Run the image's own files: its root filesystem, its node and libraries, its user and environment.
  container = buildah(['from', '--pull=never', TAG]).trim();
  const rootfs = buildah(['mount', container]).trim();
  assert.equal(existsSync(join(rootfs, 'bin/sh')), false, 'no shell in the runtime image');
  const env = Object.fromEntries(config.Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  const entry = ['--userspec=65532:65532', rootfs, ...config.Entrypoint];
  const help = run('chroot', [...entry, 'serve', '--help'], { env });
  assert.match(help, /^Usage: seaworthy serve --tls-cert FILE --tls-key FILE/);

  const certs = await makeServingCerts({ service: 'seaworthy', namespace: 'test' });
  const tls = join(rootfs, 'etc/seaworthy/tls');
  mkdirSync(tls, { recursive: true });
  writeFileSync(join(tls, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(tls, 'tls.key'), certs.tlsKey);
  chmodSync(join(tls, 'tls.key'), 0o644); // read by uid 65532, as a mounted Secret would be
  const port = await freePort();
  // The image's CMD, but on loopback and a free port.
  const cmd = config.Cmd.map((a) => (a === '0.0.0.0:8443' ? `127.0.0.1:${port}` : a));
  const server = spawn('chroot', [...entry, ...cmd], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout.on('data', (c: Buffer) => (out += c.toString()));
  server.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = once(server, 'exit');
  try {
    const end = Date.now() + 60_000;
    while (!out.includes('"server.listening"')) {
      assert.ok(Date.now() < end && server.exitCode === null, `the image's server did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const health = await call(port, '/healthz', { ca: certs.caCert });
    assert.deepEqual([health.status, health.body], [200, 'ok\n']);
    const answer = await call(port, '/validate', { ca: certs.caCert, body: JSON.stringify(review(privilegedPod('bad', 'team'))) });
    assert.equal(JSON.parse(answer.body).response.allowed, false);
  } finally {
    server.kill('SIGTERM');
  }
  const [code] = await exited;
  assert.equal(code, 0, out);
  assert.match(out, /"server.stopped"/);
  buildah(['umount', container]);

  // The built image passes seaworthy: config, history and every layer.
  const archive = join(storage, 'seaworthy.oci.tar');
  buildah(['push', '-q', TAG, `oci-archive:${archive}:test`]);
  const scan = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'image', `oci-archive:${archive}:test`, '--containerfile', join(repoRoot, 'Containerfile'), '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const report = JSON.parse(scan.stdout) as { findings: { ruleId: string; message: string }[]; errors: unknown[] };
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  assert.equal(scan.status, 0);
});
