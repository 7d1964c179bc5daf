import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { verifyNotationJws, type NotationContext } from '../../src/signatures/notation-jws.js';
import { parseTrustPolicy } from '../../src/signatures/trust-policy.js';
import type { TrustStore } from '../../src/signatures/trust-store.js';
import { makePki, notationJws, sha256, type TestPki } from '../support/signature-fixtures.js';

const digest = sha256('manifest');
const repo = 'registry.example/team/app';

function context(pki: TestPki, level = 'strict', identities: string[] = ['*'], extra: Record<string, unknown> = {}): NotationContext {
  const stores: TrustStore[] = [{ type: 'ca', name: 'acme', certificates: [new X509Certificate(pki.caPem)] }];
  const policy = parseTrustPolicy({ version: '1.0', trustPolicies: [{ name: 'team', registryScopes: [repo], signatureVerification: { level, ...extra }, trustStores: ['ca:acme'], trustedIdentities: identities }] }, 'test');
  return { policy, stores };
}

test('notation JWS: verified against the trust store, signer named by certificate subject and anchor', async () => {
  const pki = await makePki();
  const out = await verifyNotationJws(await notationJws(pki, digest), digest, repo, context(pki));
  assert.equal(out.status, 'verified', out.reason);
  assert.equal(out.signer?.subject, 'C=US, ST=WA, O=seaworthy test, CN=signer');
  assert.match(out.signer?.trustAnchor ?? '', /^ca:acme \(C=US, ST=WA, O=seaworthy test, CN=test CA\)/);
  assert.match(out.reason ?? '', /revocation not checked/);
});

test('notation JWS: tampered payload, another digest, untrusted CA, trusted identity', async () => {
  const pki = await makePki();
  const env = JSON.parse((await notationJws(pki, digest)).toString());
  const payload = JSON.parse(Buffer.from(env.payload, 'base64url').toString());
  payload.targetArtifact.size = 1;
  const tampered = await verifyNotationJws(Buffer.from(JSON.stringify({ ...env, payload: Buffer.from(JSON.stringify(payload)).toString('base64url') })), digest, repo, context(pki));
  assert.equal(tampered.status, 'failed');
  assert.match(tampered.reason!, /integrity: the signature does not match .* changed after signing/);

  const other = await verifyNotationJws(await notationJws(pki, sha256('other')), digest, repo, context(pki));
  assert.match(other.reason!, /a valid signature for another image/);

  const stranger = await makePki();
  const untrusted = await verifyNotationJws(await notationJws(stranger, digest), digest, repo, context(pki));
  assert.equal(untrusted.status, 'failed');
  assert.match(untrusted.reason!, /authenticity: .* does not lead to a CA in trust store ca:acme: untrusted CA/);
  // audit logs authenticity instead of enforcing it
  const audited = await verifyNotationJws(await notationJws(stranger, digest), digest, repo, context(pki, 'audit'));
  assert.equal(audited.status, 'verified');
  assert.match(audited.reason!, /authenticity not enforced by policy "team" \(audit\)/);

  const notMe = await verifyNotationJws(await notationJws(pki, digest), digest, repo, context(pki, 'strict', ['x509.subject: C=US, ST=WA, O=someone else']));
  assert.match(notMe.reason!, /none of the trusted identities/);
  const me = await verifyNotationJws(await notationJws(pki, digest), digest, repo, context(pki, 'strict', ['x509.subject: C=US, ST=WA, O=seaworthy test']));
  assert.equal(me.status, 'verified');
});

test('notation JWS: an expired certificate fails strict, is logged by permissive', async () => {
  const pki = await makePki({ notAfter: new Date(Date.now() + 60_000) });
  const env = await notationJws(pki, digest);
  const later = new Date(Date.now() + 86_400_000);
  const strict = await verifyNotationJws(env, digest, repo, { ...context(pki), now: later });
  assert.equal(strict.status, 'failed');
  assert.match(strict.reason!, /authenticTimestamp: certificate C=US, ST=WA, O=seaworthy test, CN=signer expired at/);
  const permissive = await verifyNotationJws(env, digest, repo, { ...context(pki, 'permissive'), now: later });
  assert.equal(permissive.status, 'verified');
  assert.match(permissive.reason!, /authenticTimestamp not enforced/);
});

test('notation JWS: signature expiry, unknown critical header, a code-signing usage missing, skip level', async () => {
  const pki = await makePki();
  const expired = await verifyNotationJws(await notationJws(pki, digest, { expiry: new Date(Date.now() + 1000) }), digest, repo, { ...context(pki), now: new Date(Date.now() + 3_600_000) });
  assert.match(expired.reason!, /expiry: the signature expired at/);
  const crit = await verifyNotationJws(await notationJws(pki, digest, { extraCrit: { 'io.example.unknown': 'x' } }), digest, repo, context(pki));
  assert.equal(crit.status, 'failed');
  assert.match(crit.reason!, /not recognized/);
  const server = await makePki({ codeSigning: false });
  const usage = await verifyNotationJws(await notationJws(server, digest), digest, repo, context(server));
  assert.match(usage.reason!, /extended key usage lacks codeSigning/);
  const skip = await verifyNotationJws(await notationJws(pki, digest), digest, repo, { policy: parseTrustPolicy({ version: '1.0', trustPolicies: [{ name: 's', registryScopes: ['*'], signatureVerification: { level: 'skip' } }] }, 't'), stores: [] });
  assert.equal(skip.status, 'skipped');
  assert.match(skip.reason!, /not counted as signed/);
  const none = await verifyNotationJws(await notationJws(pki, digest), digest, 'elsewhere.example/x', context(pki));
  assert.match(none.reason!, /no trust policy in test applies to elsewhere.example\/x/);
});

test('trust policy documents are validated as the specification says', () => {
  const base = { name: 'p', registryScopes: ['r.example/a'], signatureVerification: { level: 'strict' }, trustStores: ['ca:x'], trustedIdentities: ['*'] };
  const bad: [unknown, RegExp][] = [
    [{ version: '2.0', trustPolicies: [base] }, /only "1.0"/],
    [{ version: '1.0', trustPolicies: [{ ...base, registryScopes: ['*', 'r.example/a'] }] }, /must be the only scope/],
    [{ version: '1.0', trustPolicies: [base, { ...base, name: 'q' }] }, /is in both "p" and "q"/],
    [{ version: '1.0', trustPolicies: [{ ...base, signatureVerification: { level: 'lenient' } }] }, /level is "lenient"/],
    [{ version: '1.0', trustPolicies: [{ ...base, signatureVerification: { level: 'strict', override: { integrity: 'log' } } }] }, /integrity cannot be overridden/],
    [{ version: '1.0', trustPolicies: [{ ...base, trustStores: ['x509:x'] }] }, /not TYPE:NAME/],
    [{ version: '1.0', trustPolicies: [{ ...base, trustedIdentities: ['CN=me'] }] }, /not "x509.subject: DN"/],
    [{ version: '1.0', trustPolicies: [{ ...base, registryScopes: ['r.example/a:v1'] }] }, /names a tag or digest/],
  ];
  for (const [doc, message] of bad) assert.throws(() => parseTrustPolicy(doc, 'f'), message);
  const ok = parseTrustPolicy({ version: '1.0', trustPolicies: [{ ...base, signatureVerification: { level: 'strict', override: { revocation: 'skip', expiry: 'log' } } }] }, 'f');
  assert.deepEqual(ok.policies[0]!.actions, { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'enforce', expiry: 'log', revocation: 'skip' });
});

test('notation COSE: an RSA-PSS (PS256) COSE_Sign1 verifies; a changed payload does not', async () => {
  const { generateKeyPairSync, sign, constants } = await import('node:crypto');
  const { encode, Tag } = await import('cbor2');
  const { verifyNotationCose } = await import('../../src/signatures/notation-cose.js');
  const x509 = await import('@peculiar/x509');
  const { webcrypto } = await import('node:crypto');
  // A self-signed RSA code-signing certificate, trusted as its own anchor.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaAlg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const cryptoKey = await webcrypto.subtle.importKey('spki', publicKey.export({ type: 'spki', format: 'der' }), rsaAlg, true, ['verify']);
  const leaf = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '05', name: 'C=US, ST=WA, O=seaworthy test, CN=rsa signer', notBefore: new Date(Date.now() - 3_600_000), notAfter: new Date(Date.now() + 86_400_000),
    keys: { publicKey: cryptoKey, privateKey: await webcrypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), rsaAlg, true, ['sign']) }, signingAlgorithm: rsaAlg,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.codeSigning])],
  });
  const payload = Buffer.from(JSON.stringify({ targetArtifact: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 1 } }));
  const protectedHeader = encode(new Map<unknown, unknown>([[1, -37], [2, ['io.cncf.notary.signingScheme']], [3, 'application/vnd.cncf.notary.payload.v1+json'], ['io.cncf.notary.signingScheme', 'notary.x509'], ['io.cncf.notary.signingTime', new Tag(1, Math.floor(Date.now() / 1000))]]));
  const envelope = (body: Buffer, signed: Buffer) => {
    const tbs = encode(['Signature1', protectedHeader, new Uint8Array(0), Uint8Array.from(signed)]);
    const sig = sign('sha256', tbs, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    return Buffer.from(encode(new Tag(18, [protectedHeader, new Map<unknown, unknown>([[33, [new Uint8Array(leaf.rawData)]]]), Uint8Array.from(body), Uint8Array.from(sig)])));
  };
  const stores = [{ type: 'ca' as const, name: 'self', certificates: [new X509Certificate(leaf.toString('pem'))] }];
  const policy = parseTrustPolicy({ version: '1.0', trustPolicies: [{ name: 'all', registryScopes: ['*'], signatureVerification: { level: 'strict' }, trustStores: ['ca:self'], trustedIdentities: ['*'] }] }, 't');
  const ok = await verifyNotationCose(envelope(payload, payload), digest, repo, { policy, stores });
  assert.equal(ok.status, 'verified', ok.reason);
  assert.match(ok.signer?.subject ?? '', /CN=rsa signer/);
  const changed = Buffer.from(payload.toString().replace('"size":1', '"size":2'));
  const bad = await verifyNotationCose(envelope(changed, payload), digest, repo, { policy, stores });
  assert.match(bad.reason ?? '', /integrity: the signature does not match .* changed after signing/);
  assert.match((await verifyNotationCose(Buffer.from('not cbor \xff'), digest, repo, { policy, stores })).reason!, /not a tagged COSE_Sign1|not CBOR/);
});
