/**
 * A credential handed over for one registry (Harbor's scan request): used for that
 * host only. Loopback servers play the registry (plain HTTP, as Harbor's in-cluster
 * core URL), a token service on another host and blob storage on a third, each
 * recording the Authorization it received.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { loadImage } from '../../../src/sources/image/load-image.js';

const DIGEST = 'sha256:' + 'c'.repeat(64);
const BASIC = `Basic ${Buffer.from('robot$harbor:handed-over-pw').toString('base64')}`;

async function recorder(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ host: string; seen: Array<string | undefined>; server: http.Server }> {
  const seen: Array<string | undefined> = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('a handed-over registry credential', () => {
  let registry: Awaited<ReturnType<typeof recorder>>;
  let tokens: Awaited<ReturnType<typeof recorder>>;
  let storage: Awaited<ReturnType<typeof recorder>>;
  const fast = { timeoutMs: 3000, retries: 0 };

  before(async () => {
    storage = await recorder((_req, res) => void res.writeHead(404).end());
    tokens = await recorder((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}'));
    registry = await recorder((req, res) => {
      const auth = req.headers.authorization;
      if (auth === 'Bearer handed-token') return void res.writeHead(307, { location: `http://${storage.host}${req.url}` }).end();
      if (!auth) return void res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${tokens.host}/token",service="registry"` }).end();
      res.writeHead(401).end();
    });
  });
  after(() => {
    for (const s of [registry, tokens, storage]) s?.server.close();
  });

  test('a Bearer token goes to the registry, not to where it redirects', async () => {
    const before = storage.seen.length;
    await assert.rejects(loadImage(`docker://${registry.host}/team/app@${DIGEST}`, { registryAccess: { registry: registry.host, authorization: 'Bearer handed-token', plainHttp: true }, ...fast }));
    assert.equal(registry.seen.at(-1), 'Bearer handed-token');
    assert.ok(storage.seen.length > before, 'the redirect was followed');
    assert.deepEqual(storage.seen.slice(before), storage.seen.slice(before).map(() => undefined), 'blob storage got no Authorization');
  });

  test('Basic credentials are never sent to a token realm on another host', async () => {
    const before = tokens.seen.length;
    const error = await loadImage(`docker://${registry.host}/team/app@${DIGEST}`, { registryAccess: { registry: registry.host, authorization: BASIC, plainHttp: true }, foreignRealm: 'refuse', ...fast }).catch((e: Error) => e);
    assert.match(String(error), /token realm .* is not on .*; refused to send it credentials/);
    assert.equal(tokens.seen.length, before, 'the token service was not asked');
    assert.ok(!String(error).includes('handed-over-pw'));
  });

  test('an image on another host than the credential names is refused before any request', async () => {
    const before = registry.seen.length;
    const error = await loadImage(`docker://${registry.host}/team/app@${DIGEST}`, { registryAccess: { registry: 'harbor.example:443', authorization: BASIC }, ...fast }).catch((e: Error) => e);
    assert.match(String(error), /given for harbor\.example:443; refused to use it for 127\.0\.0\.1:\d+/);
    assert.equal(registry.seen.length, before);
  });

  test('a malformed authorization is an error that does not quote it', async () => {
    const error = await loadImage(`docker://${registry.host}/team/app@${DIGEST}`, { registryAccess: { registry: registry.host, authorization: 'Token not-to-be-quoted', plainHttp: true }, ...fast }).catch((e: Error) => e);
    assert.match(String(error), /neither "Basic/);
    assert.ok(!String(error).includes('not-to-be-quoted'));
  });
});
