/**
 * Checks a raw signature over bytes with a public key, the way cosign signs: ECDSA as
 * ASN.1 DER over SHA-256 (cosign hashes with SHA-256 whatever the curve; the curve's own
 * hash is tried too, for signers that follow the curve), RSA PKCS#1 v1.5 with SHA-256,
 * Ed25519 over the message itself.
 */
import { verify, type KeyObject } from 'node:crypto';

const CURVE_HASH: Record<string, string> = { secp384r1: 'sha384', secp521r1: 'sha512' };

export function verifyRawSignature(data: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  try {
    switch (key.asymmetricKeyType) {
      case 'ed25519':
        return verify(null, data, key, signature);
      case 'ec': {
        if (verify('sha256', data, key, signature)) return true;
        const own = CURVE_HASH[key.asymmetricKeyDetails?.namedCurve ?? ''];
        return own ? verify(own, data, key, signature) : false;
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
