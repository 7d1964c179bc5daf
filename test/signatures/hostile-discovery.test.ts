/**
 * A registry that lies or floods: signature discovery reads at most 64 referrers, never
 * a signature blob over 1 MiB (declared or actual), never a path from a malformed
 * digest, and reports each as a reason instead of failing the whole verification.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyImageSignatures } from '../../src/signatures/verify-image.js';
import { parsePublicKey } from '../../src/signatures/public-keys.js';
import { MAX_REFERRERS, MAX_SIGNATURE_BYTES } from '../../src/signatures/artifact-source.js';
import { startSpecRegistry } from '../support/spec-registry.js';
import { keyPair } from '../support/signature-fixtures.js';

const fast = { tlsVerify: false, timeoutMs: 5000, retries: 0 };
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

test('a flood of referrers, oversized and lying blobs, malformed digests', async () => {
  const reg = await startSpecRegistry({ referrers: true });
  try {
    const repo = 'team/app';
    const config = reg.putBlob(repo, Buffer.from('{}'));
    const digest = reg.putManifest(repo, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 2 }, layers: [] }, 'v1');
    const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 1 };
    const artifact = (layer: { digest: string; size: number }) => reg.putManifest(repo, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: BUNDLE, config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: config, size: 2 }, layers: [{ mediaType: BUNDLE, ...layer }], subject });
    const big = reg.putBlob(repo, Buffer.alloc(MAX_SIGNATURE_BYTES + 10, 'x'));
    const declaredBig = artifact({ digest: big, size: MAX_SIGNATURE_BYTES + 10 });
    const lyingSize = artifact({ digest: big, size: 100 });
    for (let i = 0; i < 100; i++) artifact({ digest: reg.putBlob(repo, Buffer.from(`{"n":${i}}`)), size: 8 });
    reg.extraReferrers.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:../../../v2/_catalog', size: 1, artifactType: BUNDLE });
    const v = await verifyImageSignatures(`docker://${reg.host}/${repo}:v1`, { keys: [parsePublicKey('k', keyPair('p256').pem)] }, fast);
    assert.equal(v.verified, false);
    assert.match(v.notes.join('\n'), new RegExp(`10[23] signature referrers; only the first ${MAX_REFERRERS} were read`));
    const fetched = reg.requests.filter((r) => r.includes('/manifests/sha256:') && !r.includes('.sig'));
    assert.ok(fetched.length <= MAX_REFERRERS, `${fetched.length} referrer manifests fetched`);
    assert.ok(!reg.requests.some((r) => r.includes('_catalog') || r.includes('..')), 'no path from a malformed digest');
    // The registry lists referrers in the order they were pushed: these two come first.
    assert.match(v.checks.find((c) => c.artifact === declaredBig)?.reason ?? '', /layer 0 is 1048586 bytes, more than the 1048576 a signature may be/);
    assert.match(v.checks.find((c) => c.artifact === lyingSize)?.reason ?? '', /larger than the 1048576 allowed/);
    assert.ok(v.checks.length > 0 && v.checks.every((c) => c.status !== 'verified'));
  } finally {
    await reg.stop();
  }
});
