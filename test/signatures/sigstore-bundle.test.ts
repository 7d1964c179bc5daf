import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePublicKey } from '../../src/signatures/public-keys.js';
import { verifySigstoreBundle } from '../../src/signatures/sigstore-bundle.js';
import { cosignBundle, keyPair, sha256, type KeyKind } from '../support/signature-fixtures.js';

const digest = sha256('manifest');

for (const kind of ['p256', 'ed25519', 'rsa'] as KeyKind[]) {
  test(`Sigstore bundle (DSSE) with a ${kind} key verifies offline`, () => {
    const k = keyPair(kind);
    const entry = parsePublicKey('k.pub', k.pem);
    const out = verifySigstoreBundle(cosignBundle(digest, k.privateKey, k.publicKey), [entry], digest);
    assert.equal(out.status, 'verified', out.reason);
    assert.equal(out.signer?.keyFingerprint, entry.fingerprint);
  });
}

test('Sigstore bundle: another key (named by its hint), a changed envelope, another digest, an attestation', () => {
  const k = keyPair('p256');
  const right = parsePublicKey('right.pub', k.pem);
  const other = parsePublicKey('other.pub', keyPair('p256').pem);
  const bundle = cosignBundle(digest, k.privateKey, k.publicKey);

  const wrong = verifySigstoreBundle(bundle, [other], digest);
  assert.equal(wrong.status, 'failed');
  assert.match(wrong.reason!, /signed with a key that is not configured \(its key hint is sha256:[0-9a-f]{64}\)/);

  const parsed = JSON.parse(bundle.toString());
  const statement = JSON.parse(Buffer.from(parsed.dsseEnvelope.payload, 'base64').toString());
  statement.subject[0].digest.sha256 = sha256('evil').slice(7);
  parsed.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
  const tampered = verifySigstoreBundle(Buffer.from(JSON.stringify(parsed)), [right], digest);
  assert.equal(tampered.status, 'failed');
  assert.match(tampered.reason!, /names key sha256:[0-9a-f]+ \(right.pub\) but its signature does not verify with it: the envelope was changed after signing/);

  const elsewhere = verifySigstoreBundle(cosignBundle(sha256('other image'), k.privateKey, k.publicKey), [right], digest);
  assert.equal(elsewhere.status, 'failed');
  assert.match(elsewhere.reason!, /a valid signature for another image/);

  const attestation = verifySigstoreBundle(cosignBundle(digest, k.privateKey, k.publicKey, 'https://slsa.dev/provenance/v1'), [right], digest);
  assert.equal(attestation.status, 'skipped');
  assert.match(attestation.reason!, /an attestation/);

  assert.equal(verifySigstoreBundle(Buffer.from('{"mediaType":"x"}'), [right], digest).status, 'failed');
});

test('a keyless bundle (Fulcio certificate) is reported as not verifiable offline, never as signed', async () => {
  const { makePki } = await import('../support/signature-fixtures.js');
  const pki = await makePki();
  const k = keyPair('p256');
  const bundle = JSON.parse(cosignBundle(digest, k.privateKey, k.publicKey).toString());
  bundle.verificationMaterial = { certificate: { rawBytes: Buffer.from(pki.leaf.rawData).toString('base64') }, tlogEntries: [] };
  const out = verifySigstoreBundle(Buffer.from(JSON.stringify(bundle)), [parsePublicKey('k.pub', k.pem)], digest);
  assert.equal(out.status, 'unsupported');
  assert.match(out.reason!, /keyless \(Fulcio certificate\) bundle: verifying it needs the Sigstore trusted root and Rekor/);
});
