import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readScanRequest, registryTarget, RequestError } from '../../src/harbor/scan-request.js';

const digest = 'sha256:' + 'ab'.repeat(32);
const ok = { registry: { url: 'https://core.harbor.domain', authorization: 'Basic eDp5' }, artifact: { repository: 'library/mongo', digest } };

function status(body: unknown): number | 'ok' {
  try {
    readScanRequest(body);
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof RequestError, String(e));
    return e.status;
  }
}

test('registry URLs: scheme and host only, always with a port, so a bare name never reads as a Docker Hub namespace', () => {
  assert.deepEqual(registryTarget('https://core.harbor.domain'), { registry: 'core.harbor.domain:443', plainHttp: false });
  assert.deepEqual(registryTarget('http://harbor-core:8080'), { registry: 'harbor-core:8080', plainHttp: true });
  assert.deepEqual(registryTarget('http://harbor-core'), { registry: 'harbor-core:80', plainHttp: true });
  assert.deepEqual(registryTarget('harbor-harbor-registry:5000'), { registry: 'harbor-harbor-registry:5000', plainHttp: false }, "the spec's sample: no scheme means HTTPS");
  assert.deepEqual(registryTarget('https://Core.Harbor.Domain/'), { registry: 'core.harbor.domain:443', plainHttp: false });
  for (const bad of ['ftp://x', 'https://u:p@x', 'https://x/v2/', 'https://x?a=1', 'not a url']) assert.throws(() => registryTarget(bad), (e: RequestError) => e.status === 422, bad);
});

test('scan requests: types are 400, values 422, what seaworthy cannot do 501', () => {
  assert.equal(status(ok), 'ok');
  assert.equal(status({ ...ok, enabled_capabilities: [{ type: 'sbom', produces_mime_types: ['application/vnd.security.sbom.report+json; version=1.0'], parameters: { sbom_media_types: ['application/vnd.cyclonedx+json'] } }] }), 'ok');
  assert.equal(status({ ...ok, enabled_capabilities: [{ type: 'vulnerability', parameters: null }] }), 'ok', 'parameters is nullable');
  assert.equal(status([]), 400);
  assert.equal(status({ ...ok, registry: 'x' }), 400);
  assert.equal(status({ ...ok, registry: { url: 'https://x', authorization: 5 } }), 400);
  assert.equal(status({ ...ok, artifact: { ...ok.artifact, tag: 3 } }), 400);
  assert.equal(status({ ...ok, enabled_capabilities: {} }), 400);
  assert.equal(status({ ...ok, enabled_capabilities: [{ type: 'sbom', parameters: { sbom_media_types: ['text/plain'] } }] }), 400);
  assert.equal(status({ ...ok, artifact: { digest } }), 422);
  assert.equal(status({ ...ok, artifact: { repository: 'library/mongo' } }), 422);
  assert.equal(status({ ...ok, artifact: { ...ok.artifact, digest: 'md5:abc' } }), 422);
  assert.equal(status({ ...ok, artifact: { ...ok.artifact, tag: '-bad' } }), 422);
  assert.equal(status({ ...ok, artifact: { ...ok.artifact, mime_type: 'application/vnd.oci.image.index.v1+json' } }), 501);
  assert.equal(status({ ...ok, enabled_capabilities: [{ type: 'sbom', parameters: { sbom_media_types: ['application/spdx+json'] } }] }), 501);
});

test('messages never quote the authorization', () => {
  for (const authorization of ['Basic c2VjcmV0LXZhbHVl', 'Token c2VjcmV0LXZhbHVl']) {
    try {
      readScanRequest({ registry: { url: 'bad url', authorization }, artifact: ok.artifact });
      assert.fail('refused');
    } catch (e) {
      assert.ok(!(e as Error).message.includes('c2VjcmV0LXZhbHVl'));
    }
  }
});
