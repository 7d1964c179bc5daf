/**
 * The bearer-token challenge flow, retries on 429/5xx and redirects, against a
 * small loopback server that answers like a token-authenticated registry (the
 * Debian docker-registry only offers htpasswd without a separate token service).
 */
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspectImage } from '../../../src/sources/image/analyze-image.js';
import { findCredentials } from '../../../src/sources/image/registry/auth-file.js';
import { parseChallenge } from '../../../src/sources/image/registry/registry-client.js';
import { gzip, tarOf, writeLayout } from '../../support/oci-craft.js';

describe('registry auth flow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-flow-'));
  let server: http.Server;
  let host = '';
  const seen: string[] = [];
  let failures = { blob429: 1, blob503: 1, token503: 1 };
  const TOKEN = 'tok-' + 'x'.repeat(30);

  before(async () => {
    const layout = join(dir, 'layout');
    writeLayout(layout, [{ blob: gzip(await tarOf([{ name: 'bin/sh', content: 'x' }])) }]);
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    const blob = (d: string): Buffer => readFileSync(join(layout, 'blobs', 'sha256', d.replace('sha256:', '')));
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, `http://${host}`);
      seen.push(`${url.pathname} ${req.headers.authorization ? req.headers.authorization.split(' ')[0] : 'anon'}`);
      if (url.pathname === '/token') {
        if (failures.token503-- > 0) return void res.writeHead(503).end();
        const basic = `Basic ${Buffer.from('alice:s3cret-pw').toString('base64')}`;
        if (req.headers.authorization !== basic) return void res.writeHead(401).end();
        assert.equal(url.searchParams.get('scope'), 'repository:team/app:pull');
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: TOKEN }));
      }
      // Blob storage, as on another host: signed URLs, no Authorization wanted or sent.
      const s = /^\/storage\/(sha256:[a-f0-9]{64})$/.exec(url.pathname);
      if (s) return void res.writeHead(200).end(blob(s[1]!));
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="fake",scope="repository:team/app:pull"` });
        return void res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      }
      if (url.pathname === '/v2/team/app/manifests/v1') {
        return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(blob(index.manifests[0]!.digest));
      }
      const m = /^\/v2\/team\/app\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url.pathname);
      if (m) {
        if (failures.blob429-- > 0) return void res.writeHead(429, { 'retry-after': '0' }).end();
        if (failures.blob503-- > 0) return void res.writeHead(503).end();
        return void res.writeHead(307, { location: `/storage/${m[1]}` }).end();
      }
      res.writeHead(404).end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(server.address() as { port: number }).port}`;
    writeFileSync(join(dir, 'auth.json'), JSON.stringify({ auths: { [`${host}/team`]: { auth: Buffer.from('alice:s3cret-pw').toString('base64') } } }));
  });
  after(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('bearer token with credentials, retries, redirects', async () => {
    failures = { blob429: 1, blob503: 1, token503: 1 };
    const { image, errors } = await inspectImage(`docker://${host}/team/app:v1`, { tlsVerify: false, authfile: join(dir, 'auth.json'), backoffMs: 10, timeoutMs: 5000 });
    assert.deepEqual(errors, []);
    assert.deepEqual(image!.finalFiles.map((f) => f.path), ['/bin/sh']);
    assert.ok(seen.includes('/token Basic'));
    assert.ok(seen.some((s) => s.startsWith('/storage/')));
    assert.ok(seen.filter((s) => s.startsWith('/storage/')).every((s) => s.endsWith(' anon')), 'a redirect never carries Authorization');
  });

  test('token refused: 401 names registry and repository, not the token or password', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ auths: { [host]: { auth: Buffer.from('alice:wrong').toString('base64') } } }));
    failures = { blob429: 0, blob503: 0, token503: 0 };
    const { errors } = await inspectImage(`docker://${host}/team/app:v1`, { tlsVerify: false, authfile: join(dir, 'bad.json'), backoffMs: 10 });
    assert.match(errors[0]!.message, new RegExp(`registry ${host}, repository team/app: token service ${host} answered 401 Unauthorized`));
    assert.doesNotMatch(errors[0]!.message, /wrong|s3cret|tok-/);
  });

  test('retries give up with a clear 5xx message', async () => {
    failures = { blob429: 0, blob503: 0, token503: 99 };
    const { errors } = await inspectImage(`docker://${host}/team/app:v1`, { tlsVerify: false, authfile: join(dir, 'auth.json'), retries: 2, backoffMs: 5 });
    assert.match(errors[0]!.message, /503 server error for a pull token, still after retries/);
  });

  test('auth file lookup order and keys', async () => {
    const env = { REGISTRY_AUTH_FILE: join(dir, 'auth.json'), HOME: join(dir, 'nohome') };
    const creds = await findCredentials(host, 'team/app', undefined, env);
    assert.equal(creds?.username, 'alice');
    assert.equal(await findCredentials(host, 'other/app', undefined, env), undefined);
    assert.equal(await findCredentials('docker.io', 'library/nginx', undefined, { HOME: join(dir, 'nohome') }), undefined);
  });

  test('challenge parsing', () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"'), {
      realm: 'https://auth.example/token',
      service: 'registry.example',
      scope: 'repository:a/b:pull',
    });
  });
});
