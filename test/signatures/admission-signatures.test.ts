/**
 * Signatures at admission: the Reviewer with a `signatures:` section verifies the
 * images of a reviewed Pod (here against a spec-shaped registry holding a cosign bundle
 * referrer), caches the verdict by digest for cacheTtl, refuses a tag reference unless
 * /mutate pins it to the verified digest, and touches no registry without the section.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reviewer } from '../../src/admission/reviewer.js';
import { createMutator } from '../../src/admission/mutate.js';
import { defaultConfig, type Config } from '../../src/config/config.js';
import { AdmissionSignatures } from '../../src/signatures/admission-signatures.js';
import { withDigestPinning } from '../../src/signatures/digest-mutation.js';
import { startSpecRegistry, type SpecRegistry } from '../support/spec-registry.js';
import { cosignBundle, keyPair } from '../support/signature-fixtures.js';
import { hardenedPod, request } from '../admission/reviews.js';

const EMPTY = 'application/vnd.oci.empty.v1+json';

async function setup() {
  const reg = await startSpecRegistry({ referrers: true });
  const k = keyPair('p256');
  const images: Record<string, string> = {};
  for (const name of ['app', 'bare']) {
    const config = reg.putBlob(`team/${name}`, Buffer.from(`{"name":"${name}"}`));
    images[name] = reg.putManifest(`team/${name}`, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 10 }, layers: [] }, 'v1');
  }
  const bundle = cosignBundle(images['app']!, k.privateKey, k.publicKey);
  const layer = reg.putBlob('team/app', bundle);
  const empty = reg.putBlob('team/app', Buffer.from('{}'));
  reg.putManifest('team/app', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json', config: { mediaType: EMPTY, digest: empty, size: 2 }, layers: [{ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: layer, size: bundle.length }], subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: images['app'], size: 1 } });
  const dir = mkdtempSync(join(tmpdir(), 'sw-adm-sig-'));
  writeFileSync(join(dir, 'cosign.pub'), k.pem);
  const config = (mutateToDigest = false): Config => ({ ...defaultConfig(), baseDir: dir, signatures: { require: [{ images: [`${reg.host}/team/`], keys: ['cosign.pub'] }], cacheTtl: 60, mutateToDigest } });
  return { reg, images, config };
}

const pod = (image: string) => {
  const p = hardenedPod('web', 'team') as { spec: { containers: { image: string }[] } };
  p.spec.containers[0]!.image = image;
  return p as unknown as Record<string, unknown>;
};

function checker(reg: SpecRegistry, clock: { t: number }) {
  return new AdmissionSignatures({ tlsVerify: false, timeoutMs: 5000, retries: 0 }, () => clock.t);
}

test('admission: a signed digest is admitted, an unsigned image denied, a tag reference refused with the digest to use', async () => {
  const { reg, images, config } = await setup();
  try {
    const clock = { t: 0 };
    const reviewer = new Reviewer(config(), { signatures: checker(reg, clock) });
    const ok = await reviewer.validate(request(pod(`${reg.host}/team/app@${images['app']}`)));
    assert.equal(ok.response.allowed, true, JSON.stringify(ok.response));
    const bare = await reviewer.validate(request(pod(`${reg.host}/team/bare:v1`)));
    assert.equal(bare.response.allowed, false);
    assert.match(bare.response.status!.message!, /\[image-not-signed\] .*must be signed, but unsigned: no signature for sha256:/);
    const tag = await reviewer.validate(request(pod(`${reg.host}/team/app:v1`)));
    assert.equal(tag.response.allowed, false);
    assert.match(tag.response.status!.message!, new RegExp(`referenced by tag; its signature verified for ${images['app']}: deploy ${reg.host}/team/app:v1@${images['app']}`));
  } finally {
    await reg.stop();
  }
});

test('admission: the verdict is cached by digest for cacheTtl', async () => {
  const { reg, images, config } = await setup();
  try {
    const clock = { t: 0 };
    const reviewer = new Reviewer(config(), { signatures: checker(reg, clock) });
    const ref = `${reg.host}/team/app@${images['app']}`;
    await reviewer.validate(request(pod(ref)));
    const referrerCalls = () => reg.requests.filter((r) => r.includes('/referrers/')).length;
    assert.equal(referrerCalls(), 1);
    await Promise.all([1, 2, 3].map(() => reviewer.validate(request(pod(ref)))));
    assert.equal(referrerCalls(), 1, 'served from the cache');
    clock.t += 61_000;
    assert.equal((await reviewer.validate(request(pod(ref)))).response.allowed, true);
    assert.equal(referrerCalls(), 2, 'verified again after the TTL');
  } finally {
    await reg.stop();
  }
});

test('admission: mutateToDigest pins a verified tag to its digest, and the pinned pod is admitted', async () => {
  const { reg, images, config } = await setup();
  try {
    const clock = { t: 0 };
    const signatures = checker(reg, clock);
    const c = config(true);
    const reviewer = new Reviewer(c, { signatures });
    const mutate = withDigestPinning(createMutator(() => c), signatures, () => c);
    const object = pod(`${reg.host}/team/app:v1`);
    const res = await mutate(request(object));
    const patch = JSON.parse(Buffer.from(res.patch!, 'base64').toString()) as { op: string; path: string; value: unknown }[];
    const pin = patch.find((p) => p.path === '/spec/containers/0/image');
    assert.deepEqual(pin, { op: 'replace', path: '/spec/containers/0/image', value: `${reg.host}/team/app:v1@${images['app']}` });
    const unsigned = await mutate(request(pod(`${reg.host}/team/bare:v1`)));
    assert.ok(!unsigned.patch || !Buffer.from(unsigned.patch, 'base64').toString().includes('/image'), 'an unsigned image is never pinned');
    const pinned = pod(pin!.value as string);
    assert.equal((await reviewer.validate(request(pinned))).response.allowed, true);
  } finally {
    await reg.stop();
  }
});

test('admission without signatures: no registry is asked', async () => {
  const { reg, images } = await setup();
  try {
    const before = reg.requests.length;
    const reviewer = new Reviewer(defaultConfig(), { signatures: checker(reg, { t: 0 }) });
    await reviewer.validate(request(pod(`${reg.host}/team/bare:v1@${images['bare']}`)));
    assert.equal(reg.requests.length, before);
  } finally {
    await reg.stop();
  }
});
