import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePublicKey, readPublicKey } from '../../src/signatures/public-keys.js';
import { COSIGN_SIGNATURE_ANNOTATION, verifySimpleSigning } from '../../src/signatures/simple-signing.js';
import { keyPair, sha256, signLikeCosign, simpleSigningPayload, type KeyKind } from '../support/signature-fixtures.js';

const digest = sha256('the image manifest');
const repo = 'registry.example/team/app';

for (const kind of ['p256', 'p384', 'ed25519', 'rsa'] as KeyKind[]) {
  test(`simple signing with a ${kind} key: verified, and the signer named by its key`, () => {
    const k = keyPair(kind);
    const entry = parsePublicKey(`${kind}.pub`, k.pem);
    const payload = simpleSigningPayload(repo, digest);
    const out = verifySimpleSigning(payload, { [COSIGN_SIGNATURE_ANNOTATION]: signLikeCosign(payload, k.privateKey).toString('base64') }, [entry], digest, repo);
    assert.equal(out.status, 'verified', out.reason);
    assert.equal(out.signer?.keyFingerprint, entry.fingerprint);
    assert.match(out.signer?.keyType ?? '', { p256: /ECDSA P-256/, p384: /ECDSA P-384/, ed25519: /Ed25519/, rsa: /RSA 2048/ }[kind]);
  });
}

test('simple signing: wrong key, tampered payload, another digest, another repository', () => {
  const signer = keyPair('p256');
  const other = parsePublicKey('other.pub', keyPair('p256').pem);
  const right = parsePublicKey('right.pub', signer.pem);
  const payload = simpleSigningPayload(repo, digest);
  const sig = { [COSIGN_SIGNATURE_ANNOTATION]: signLikeCosign(payload, signer.privateKey).toString('base64') };

  const wrong = verifySimpleSigning(payload, sig, [other], digest, repo);
  assert.equal(wrong.status, 'failed');
  assert.match(wrong.reason!, /no configured key verifies the signature/);

  const tampered = Buffer.from(payload.toString().replace('"optional":null', '"optional":{"extra":"x"}'));
  const t = verifySimpleSigning(tampered, sig, [right], digest, repo);
  assert.equal(t.status, 'failed');
  assert.match(t.reason!, /payload was changed after signing/);

  const elsewhere = simpleSigningPayload(repo, sha256('another image'));
  const e = verifySimpleSigning(elsewhere, { [COSIGN_SIGNATURE_ANNOTATION]: signLikeCosign(elsewhere, signer.privateKey).toString('base64') }, [right], digest, repo);
  assert.equal(e.status, 'failed');
  assert.match(e.reason!, /a valid signature for another image/);
  assert.equal(e.signedDigest, sha256('another image'));

  const r = verifySimpleSigning(payload, sig, [right], digest, 'registry.example/team/other');
  assert.equal(r.status, 'failed');
  assert.match(r.reason!, /identity "registry.example\/team\/app" is not/);
  // Docker Hub's aliases name one repository.
  const hub = simpleSigningPayload('index.docker.io/library/nginx', digest);
  assert.equal(verifySimpleSigning(hub, { [COSIGN_SIGNATURE_ANNOTATION]: signLikeCosign(hub, signer.privateKey).toString('base64') }, [right], digest, 'docker.io/library/nginx').status, 'verified');
});

test('simple signing: no annotation, no key configured, garbage signature', () => {
  const k = keyPair('ed25519');
  const entry = parsePublicKey('k.pub', k.pem);
  const payload = simpleSigningPayload(repo, digest);
  assert.match(verifySimpleSigning(payload, {}, [entry], digest, repo).reason!, /no dev.cosignproject.cosign\/signature annotation/);
  assert.equal(verifySimpleSigning(payload, { [COSIGN_SIGNATURE_ANNOTATION]: 'AAAA' }, [], digest, repo).status, 'skipped');
  assert.equal(verifySimpleSigning(payload, { [COSIGN_SIGNATURE_ANNOTATION]: '!!not base64' }, [entry], digest, repo).status, 'failed');
});

test('key files: a private key is refused, a non-key named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-keys-'));
  const k = keyPair('p256');
  writeFileSync(join(dir, 'cosign.key'), k.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'junk.pub'), 'not a key');
  writeFileSync(join(dir, 'cosign.pub'), k.pem);
  assert.throws(() => readPublicKey(join(dir, 'cosign.key')), /holds a private key/);
  assert.throws(() => readPublicKey(join(dir, 'junk.pub')), /junk.pub is not a PEM public key/);
  assert.throws(() => readPublicKey(join(dir, 'missing.pub')), /cannot read key .*ENOENT/);
  assert.match(readPublicKey(join(dir, 'cosign.pub')).fingerprint, /^sha256:[0-9a-f]{64}$/);
});

test('key material is read again when a key file changes (a rotated key at a long-running server)', async () => {
  const { loadMaterial } = await import('../../src/signatures/load-material.js');
  const { utimesSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'sw-rotate-'));
  const first = keyPair('p256');
  const second = keyPair('p256');
  writeFileSync(join(dir, 'cosign.pub'), first.pem);
  const a = loadMaterial({ keys: ['cosign.pub'] }, dir);
  assert.equal(loadMaterial({ keys: ['cosign.pub'] }, dir), a, 'cached while unchanged');
  writeFileSync(join(dir, 'cosign.pub'), second.pem);
  utimesSync(join(dir, 'cosign.pub'), new Date(), new Date(Date.now() + 5000));
  const b = loadMaterial({ keys: ['cosign.pub'] }, dir);
  assert.notEqual(b.keys[0]!.fingerprint, a.keys[0]!.fingerprint);
  assert.equal(b.keys[0]!.fingerprint, parsePublicKey('x', second.pem).fingerprint);
});
