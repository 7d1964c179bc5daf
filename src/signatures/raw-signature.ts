/**
 * Checks a raw signature over bytes with a public key, the ways cosign signs: ECDSA as
 * ASN.1 DER over SHA-256 or over the curve's own hash (cosign picks SHA-384 for P-384
 * and SHA-512 for P-521 keys; older signers used SHA-256 throughout), RSA PKCS#1 v1.5
 * with SHA-256, and Ed25519 — pure, or Ed25519ph (SHA-512 prehash), which cosign uses
 * for Ed25519 keys and node:crypto cannot check, so @noble/curves (audited, maintained)
 * does that one.
 */
import { verify, type KeyObject } from 'node:crypto';
import { ed25519ph } from '@noble/curves/ed25519.js';

const CURVE_HASH: Record<string, string> = { secp384r1: 'sha384', secp521r1: 'sha512' };

export function verifyRawSignature(data: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  try {
    switch (key.asymmetricKeyType) {
      case 'ed25519': {
        if (verify(null, data, key, signature)) return true;
        const raw = Buffer.from(String(key.export({ format: 'jwk' }).x), 'base64url');
        return signature.length === 64 && ed25519ph.verify(signature, data, raw);
      }
      case 'ec': {
        const own = CURVE_HASH[key.asymmetricKeyDetails?.namedCurve ?? ''];
        if (own && verify(own, data, key, signature)) return true;
        return verify('sha256', data, key, signature);
      }
      case 'rsa':
      case 'rsa-pss':
        return verify('sha256', data, key, signature);
      default:
        return false;
    }
  } catch {
    // A malformed signature (not DER, wrong length) is a signature that does not verify.
    return false;
  }
}
