import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiNamespaceLabels } from '../../src/admission/namespace-labels.js';
import { defaultConfig } from '../../src/config/config.js';
import { makeServingCerts } from '../../src/servers/serving-certs.js';

test('namespace labels read from the API are cached for a bounded number of namespaces, least recently used out first', async (t) => {
  const certs = await makeServingCerts({ service: 'kubernetes', namespace: 'default' });
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-ns-'));
  writeFileSync(join(dir, 'ca.crt'), certs.caCert);
  const reads: string[] = [];
  const api = createServer({ cert: certs.tlsCert, key: certs.tlsKey }, (req, res) => {
    const name = decodeURIComponent(/^\/api\/v1\/namespaces\/([^/]+)$/.exec(req.url ?? '')?.[1] ?? '');
    reads.push(name);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ metadata: { name, labels: { team: name } } }));
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  t.after(() => api.close());
  const server = `https://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const labels = apiNamespaceLabels({ server, caFile: join(dir, 'ca.crt') }, defaultConfig, (e) => assert.fail(e), 60_000, 2);
  assert.deepEqual(await labels('a'), { team: 'a' });
  assert.deepEqual(await labels('b'), { team: 'b' });
  assert.deepEqual(await labels('a'), { team: 'a' }, 'cached');
  assert.deepEqual(await labels('c'), { team: 'c' }); // over the bound: b, the stalest, goes
  assert.deepEqual(await labels('a'), { team: 'a' }, 'still cached');
  assert.deepEqual(await labels('b'), { team: 'b' }, 'read again');
  assert.deepEqual(reads, ['a', 'b', 'c', 'b']);
});
