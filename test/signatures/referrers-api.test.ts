/**
 * The referrers path, against a real HTTP server answering the distribution spec's
 * referrers API (see test/support/spec-registry.ts for why not a packaged registry),
 * and the tag-schema fallback when the same server has no API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { verifyImageSignatures } from '../../src/signatures/verify-image.js';
import { parsePublicKey } from '../../src/signatures/public-keys.js';
import { parseTrustPolicy } from '../../src/signatures/trust-policy.js';
import { startSpecRegistry, type SpecRegistry } from '../support/spec-registry.js';
import { cosignBundle, keyPair, makePki, notationJws } from '../support/signature-fixtures.js';

const EMPTY = 'application/vnd.oci.empty.v1+json';
const fast = { tlsVerify: false, timeoutMs: 5000, retries: 0 };

async function populate(reg: SpecRegistry, tagFallback: boolean) {
  const repo = 'team/app';
  const config = reg.putBlob(repo, Buffer.from('{"architecture":"amd64","os":"linux"}'));
  const emptyBlob = reg.putBlob(repo, Buffer.from('{}'));
  const image = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 37 }, layers: [] };
  const digest = reg.putManifest(repo, image, 'v1');
  const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 100 };
  const k = keyPair('p256');
  const pki = await makePki();
  const bundle = cosignBundle(digest, k.privateKey, k.publicKey);
  const jws = await notationJws(pki, digest);
  const artifact = (artifactType: string, layerType: string, data: Buffer, subj = subject) => {
    const blob = reg.putBlob(repo, data);
    return reg.putManifest(repo, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType, config: { mediaType: EMPTY, digest: emptyBlob, size: 2 }, layers: [{ mediaType: layerType, digest: blob, size: data.length }], subject: subj });
  };
  const refs = [
    artifact('application/vnd.dev.sigstore.bundle.v0.3+json', 'application/vnd.dev.sigstore.bundle.v0.3+json', bundle),
    artifact('application/vnd.cncf.notary.signature', 'application/jose+json', jws),
    artifact('application/spdx+json', 'application/spdx+json', Buffer.from('{}')),
    // a referrer listed for this image whose own subject is another image
    artifact('application/vnd.cncf.notary.signature', 'application/jose+json', jws, { ...subject, digest: `sha256:${'0'.repeat(64)}` }),
  ];
  if (tagFallback) {
    reg.putManifest(repo, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: refs.map((d) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d, size: 1, artifactType: d === refs[2] ? 'application/spdx+json' : undefined })) }, `sha256-${digest.slice(7)}`);
  }
  const material = {
    keys: [parsePublicKey('cosign.pub', k.pem)],
    notation: { policy: parseTrustPolicy({ version: '1.0', trustPolicies: [{ name: 'all', registryScopes: ['*'], signatureVerification: { level: 'strict' }, trustStores: ['ca:t'], trustedIdentities: ['*'] }] }, 't'), stores: [{ type: 'ca' as const, name: 't', certificates: [new X509Certificate(pki.caPem)] }] },
  };
  return { digest, material, refs };
}

test('referrers API: cosign bundle and notation JWS found and verified; the SBOM is not read', async () => {
  const reg = await startSpecRegistry({ referrers: true });
  try {
    const { digest, material, refs } = await populate(reg, false);
    const v = await verifyImageSignatures(`docker://${reg.host}/team/app:v1`, material, fast);
    assert.equal(v.digest, digest);
    assert.equal(v.verified, true, v.summary);
    const byFormat = Object.fromEntries(v.checks.filter((c) => c.format).map((c) => [c.format, c]));
    assert.equal(byFormat['sigstore-bundle']?.status, 'verified');
    assert.equal(byFormat['sigstore-bundle']?.found, 'referrers-api');
    assert.equal(byFormat['notation-jws']?.status, 'verified');
    assert.ok(!v.checks.some((c) => c.artifact === refs[3]), 'the registry lists only referrers of this subject');
    assert.ok(!reg.requests.some((r) => r.includes(refs[2]!)), 'the SBOM referrer is never fetched');
    assert.ok(reg.requests.some((r) => r.startsWith(`GET /v2/team/app/referrers/${digest}`)));
    assert.ok(!reg.requests.some((r) => r.includes(`/manifests/sha256-${digest.slice(7)}`) && !r.endsWith('.sig')), 'no tag-schema lookup when the API answers');
  } finally {
    await reg.stop();
  }
});

test('no referrers API: the tag schema index is used, and said so; an entry for another subject is refused', async () => {
  const reg = await startSpecRegistry({ referrers: false });
  try {
    const { material, refs } = await populate(reg, true);
    const v = await verifyImageSignatures(`docker://${reg.host}/team/app:v1`, material, fast);
    assert.equal(v.verified, true, v.summary);
    // Anyone who can push a tag can list anything in the fallback index: the subject decides.
    const refused = v.checks.find((c) => c.artifact === refs[3]);
    assert.match(refused?.reason ?? '', /its subject is "sha256:0+", not the image: ignored/);
    assert.ok(v.checks.filter((c) => c.status === 'verified').every((c) => c.found === 'referrers-tag'));
    assert.match(v.notes.join('\n'), /no OCI referrers API .* used the referrers tag schema/);
  } finally {
    await reg.stop();
  }
});

test('unsigned: no referrers, no fallback tag, no .sig tag', async () => {
  const reg = await startSpecRegistry({ referrers: false });
  try {
    const repo = 'team/bare';
    const config = reg.putBlob(repo, Buffer.from('{}'));
    reg.putManifest(repo, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 2 }, layers: [] }, 'v1');
    const v = await verifyImageSignatures(`docker://${reg.host}/${repo}:v1`, { keys: [parsePublicKey('k', keyPair('p256').pem)] }, fast);
    assert.equal(v.verified, false);
    assert.equal(v.checks.length, 0);
    assert.match(v.summary, /^unsigned: no signature for sha256:[0-9a-f]{64}/);
  } finally {
    await reg.stop();
  }
});
