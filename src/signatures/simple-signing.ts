/**
 * cosign's "simple signing" signatures: a layer of media type
 * `application/vnd.dev.cosign.simplesigning.v1+json` whose bytes are the signed payload
 * and whose `dev.cosignproject.cosign/signature` annotation is the base64 signature.
 * The payload (containers/image's format) names what was signed:
 *   {"critical":{"identity":{"docker-reference":"…"},"image":{"docker-manifest-digest":"sha256:…"},
 *    "type":"cosign container image signature"},"optional":{…}}
 * A signature counts only when a configured key verifies it AND the payload names the
 * image's digest AND (when a registry reference is known) its repository.
 */
import type { PublicKeyEntry } from './public-keys.js';
import { verifyRawSignature } from './raw-signature.js';
import type { SignatureCheck } from './signature-types.js';
import { quote, sameRepository } from './text.js';

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const COSIGN_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
const PAYLOAD_TYPE = 'cosign container image signature';

interface SimpleSigningPayload {
  critical?: { identity?: { 'docker-reference'?: unknown }; image?: { 'docker-manifest-digest'?: unknown }; type?: unknown };
}

export type Outcome = Pick<SignatureCheck, 'status' | 'reason' | 'signedDigest' | 'signer'>;

/**
 * Verifies one simple-signing layer. `repository` is `registry/repository` of the
 * reference (undefined for a layout without a name: only the digest can be checked).
 */
export function verifySimpleSigning(payload: Buffer, annotations: Record<string, string> | undefined, keys: readonly PublicKeyEntry[], imageDigest: string, repository: string | undefined): Outcome {
  const sigText = annotations?.[COSIGN_SIGNATURE_ANNOTATION];
  if (!sigText) return { status: 'failed', reason: `the layer has no ${COSIGN_SIGNATURE_ANNOTATION} annotation: nothing to verify` };
  if (keys.length === 0) return { status: 'skipped', reason: 'no cosign key configured (--key) to verify it with' };
  const signature = Buffer.from(sigText, 'base64');
  let claims: SimpleSigningPayload | undefined;
  try {
    claims = JSON.parse(payload.toString('utf8')) as SimpleSigningPayload;
  } catch {
    claims = undefined;
  }
  const named = claims?.critical?.image?.['docker-manifest-digest'];
  const signedDigest = typeof named === 'string' ? named.slice(0, 100) : undefined;
  const signer = keys.find((k) => verifyRawSignature(payload, signature, k.key));
  if (!signer) {
    // Without a key hint, a signature by another key and bytes changed after signing look
    // alike; a payload naming another digest is the more useful thing to say.
    if (signedDigest && signedDigest !== imageDigest) return { status: 'failed', signedDigest, reason: `signed for another digest (${signedDigest}) and no configured key verifies it` };
    return { status: 'failed', ...(signedDigest && { signedDigest }), reason: `no configured key verifies the signature (${keys.map((k) => k.type).join(', ')}): it was made with another key, or the payload was changed after signing` };
  }
  const who = { keyFingerprint: signer.fingerprint, keyType: signer.type, keyFile: signer.file };
  if (!claims || typeof claims !== 'object') return { status: 'failed', signer: who, reason: 'the signed payload is not JSON' };
  if (claims.critical?.type !== PAYLOAD_TYPE) return { status: 'failed', signer: who, reason: `the signed payload's critical.type is ${quote(claims.critical?.type)}, not "${PAYLOAD_TYPE}"` };
  if (signedDigest !== imageDigest) return { status: 'failed', signer: who, ...(signedDigest && { signedDigest }), reason: `a valid signature for another image: its payload names ${quote(named)}, the image is ${imageDigest}` };
  const identity = claims.critical.identity?.['docker-reference'];
  if (repository !== undefined && (typeof identity !== 'string' || !sameRepository(identity, repository))) {
    return { status: 'failed', signer: who, signedDigest, reason: `a valid signature whose identity ${quote(identity)} is not ${repository}` };
  }
  return { status: 'verified', signer: who, signedDigest };
}
