/**
 * Signatures made in the test with node:crypto, jose and @peculiar/x509, in the exact
 * shapes cosign and notation write (simple-signing payloads, Sigstore bundle v0.3 with a
 * DSSE envelope, Notary JWS envelopes with an x5c chain), for unit tests of each verdict.
 * The real tools sign in test/signatures/real-signers.test.ts.
 */
import 'reflect-metadata';
import { createHash, generateKeyPairSync, sign, webcrypto, type KeyObject } from 'node:crypto';
import { FlattenedSign } from 'jose';
import * as x509 from '@peculiar/x509';

export type KeyKind = 'p256' | 'p384' | 'ed25519' | 'rsa';

export function keyPair(kind: KeyKind): { publicKey: KeyObject; privateKey: KeyObject; pem: string } {
  const pair =
    kind === 'p256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : kind === 'p384' ? generateKeyPairSync('ec', { namedCurve: 'P-384' })
    : kind === 'ed25519' ? generateKeyPairSync('ed25519')
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...pair, pem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** As cosign signs: SHA-256 (ECDSA DER, RSA PKCS#1 v1.5), Ed25519 pure. */
export function signLikeCosign(data: Buffer, key: KeyObject): Buffer {
  return sign(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', data, key);
}

export function simpleSigningPayload(repository: string, digest: string): Buffer {
  return Buffer.from(JSON.stringify({ critical: { identity: { 'docker-reference': repository }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' }, optional: null }));
}

export function hintOf(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('base64');
}

/** DSSE pre-authentication encoding. */
function pae(type: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
}

/** A Sigstore bundle v0.3 as cosign --new-bundle-format writes it with a key and no tlog. */
export function cosignBundle(digest: string, privateKey: KeyObject, publicKey: KeyObject, predicateType = 'https://sigstore.dev/cosign/sign/v1'): Buffer {
  const [alg, hex] = digest.split(':');
  const statement = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [{ digest: { [alg!]: hex } }], predicateType }));
  const type = 'application/vnd.in-toto+json';
  const sig = signLikeCosign(pae(type, statement), privateKey);
  return Buffer.from(JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { publicKey: { hint: hintOf(publicKey) }, tlogEntries: [] },
    dsseEnvelope: { payload: statement.toString('base64'), payloadType: type, signatures: [{ sig: sig.toString('base64'), keyid: '' }] },
  }));
}

export interface TestPki {
  caPem: string;
  ca: x509.X509Certificate;
  leaf: x509.X509Certificate;
  leafKey: webcrypto.CryptoKey;
  subject: string;
}

const EC = { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' } as const;

/** A CA and a code-signing leaf as the Notary Project requires them (ECDSA P-384). */
export async function makePki(options: { notBefore?: Date; notAfter?: Date; subject?: string; codeSigning?: boolean } = {}): Promise<TestPki> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.X509CertificateGenerator.create>[1] & object);
  const now = Date.now();
  const caKeys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'C=US, ST=WA, O=seaworthy test, CN=test CA', notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 30 * 86_400_000),
    keys: caKeys, signingAlgorithm: EC,
    extensions: [new x509.BasicConstraintsExtension(true, 1, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const subject = options.subject ?? 'C=US, ST=WA, O=seaworthy test, CN=signer';
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02', subject, issuer: ca.subject,
    notBefore: options.notBefore ?? new Date(now - 3_600_000), notAfter: options.notAfter ?? new Date(now + 10 * 86_400_000),
    publicKey: keys.publicKey, signingKey: caKeys.privateKey, signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([options.codeSigning === false ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.codeSigning]),
    ],
  });
  return { caPem: ca.toString('pem'), ca, leaf, leafKey: keys.privateKey, subject };
}

/** A Notary JWS envelope for `digest`, signed by the PKI's leaf. */
export async function notationJws(pki: TestPki, digest: string, options: { expiry?: Date; signingTime?: Date; extraCrit?: Record<string, string> } = {}): Promise<Buffer> {
  const payload = Buffer.from(JSON.stringify({ targetArtifact: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 500 } }));
  const header: Record<string, unknown> = {
    alg: 'ES384',
    cty: 'application/vnd.cncf.notary.payload.v1+json',
    'io.cncf.notary.signingScheme': 'notary.x509',
    'io.cncf.notary.signingTime': (options.signingTime ?? new Date()).toISOString(),
    crit: ['io.cncf.notary.signingScheme', ...(options.expiry ? ['io.cncf.notary.expiry'] : []), ...Object.keys(options.extraCrit ?? {})],
    ...(options.expiry && { 'io.cncf.notary.expiry': options.expiry.toISOString() }),
    ...options.extraCrit,
  };
  const crit = Object.fromEntries((header['crit'] as string[]).map((c) => [c, true]));
  const jws = await new FlattenedSign(payload)
    .setProtectedHeader(header as { alg: string })
    .setUnprotectedHeader({ x5c: [Buffer.from(pki.leaf.rawData).toString('base64'), Buffer.from(pki.ca.rawData).toString('base64')], 'io.cncf.notary.signingAgent': 'seaworthy-test' })
    .sign(pki.leafKey, { crit });
  return Buffer.from(JSON.stringify(jws));
}

export const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;
