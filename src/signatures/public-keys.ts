/**
 * cosign public keys (`--key cosign.pub`): PEM SubjectPublicKeyInfo of ECDSA P-256/P-384/
 * P-521, Ed25519 or RSA, read with node:crypto. Each key is named by the SHA-256 of its
 * DER encoding, the same value cosign puts in a Sigstore bundle's `publicKey.hint`
 * (base64 there, hex here), so a bundle signed by a key we were not given can be told
 * apart from one whose bytes were changed.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface PublicKeyEntry {
  file: string;
  key: KeyObject;
  /** `sha256:<hex>` of the DER SubjectPublicKeyInfo. */
  fingerprint: string;
  /** base64 of the same hash: cosign's bundle hint. */
  hint: string;
  type: string;
}

/** Most a key file may be: a PEM public key is well under a kilobyte, an RSA 8192 one under 2. */
const MAX_KEY_FILE = 64 * 1024;

export function keyType(key: KeyObject): string {
  const d = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'ec':
      return `ECDSA ${{ prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[d.namedCurve ?? ''] ?? d.namedCurve ?? '?'}`;
    case 'rsa':
    case 'rsa-pss':
      return `RSA ${d.modulusLength ?? '?'}`;
    case 'ed25519':
      return 'Ed25519';
    default:
      return key.asymmetricKeyType ?? 'unknown';
  }
}

export function describeKey(file: string, key: KeyObject): PublicKeyEntry {
  const der = key.export({ type: 'spki', format: 'der' });
  const hash = createHash('sha256').update(der).digest();
  return { file, key, fingerprint: `sha256:${hash.toString('hex')}`, hint: hash.toString('base64'), type: keyType(key) };
}

/** Reads a PEM public key file; throws a message naming the file. */
export function readPublicKey(file: string): PublicKeyEntry {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read key ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (text.length > MAX_KEY_FILE) throw new Error(`key ${file} is ${text.length} bytes; a public key file is at most ${MAX_KEY_FILE}`);
  if (/PRIVATE KEY-----/.test(text.toString('latin1'))) throw new Error(`key ${file} holds a private key: give the public key (cosign.pub), never the private one`);
  return parsePublicKey(file, text.toString('utf8'));
}

export function parsePublicKey(file: string, pem: string): PublicKeyEntry {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new Error(`key ${file} is not a PEM public key (ECDSA, Ed25519 or RSA): ${(e as Error).message}`);
  }
  const type = key.asymmetricKeyType;
  if (type !== 'ec' && type !== 'rsa' && type !== 'ed25519' && type !== 'rsa-pss') throw new Error(`key ${file} is a ${type} key; cosign keys are ECDSA, Ed25519 or RSA`);
  return describeKey(file, key);
}
