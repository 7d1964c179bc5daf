/**
 * Notary Project signatures in JWS (`application/jose+json`): a flattened JWS JSON
 * envelope, protected header with the Notary headers, `x5c` chain in the unprotected
 * header. Decoded here; the signature is checked by `jose` (which also refuses critical
 * headers it was not told about); the verification steps are notary-verify.ts's.
 */
import { flattenedVerify, type FlattenedJWSInput } from 'jose';
import type { X509Certificate } from 'node:crypto';
import { parseChain } from './certificate-chain.js';
import { AUTHENTIC_TIME, EXPIRY, IntegrityError, PLUGIN_MIN, SCHEME, verifyNotaryEnvelope, type NotationContext, type NotaryEnvelope } from './notary-verify.js';
import type { Outcome } from './simple-signing.js';

export { NOTATION_ARTIFACT_TYPE, type NotationContext } from './notary-verify.js';
export const JWS_MEDIA_TYPE = 'application/jose+json';
const TIMESTAMP = 'io.cncf.notary.timestamp';

export async function verifyNotationJws(data: Buffer, imageDigest: string, repository: string | undefined, ctx: NotationContext): Promise<Outcome> {
  const decoded = decodeJws(data);
  return typeof decoded === 'string' ? { status: 'failed', reason: decoded } : verifyNotaryEnvelope(decoded, imageDigest, repository, ctx);
}

/** The envelope, or why it is not one. */
function decodeJws(data: Buffer): NotaryEnvelope | string {
  let envelope: FlattenedJWSInput & { signatures?: unknown };
  try {
    envelope = JSON.parse(data.toString('utf8'));
  } catch {
    return 'the JWS envelope is not JSON';
  }
  if (!envelope || typeof envelope !== 'object' || envelope.signatures !== undefined || typeof envelope.protected !== 'string' || typeof envelope.signature !== 'string') {
    return 'not a flattened JWS JSON envelope (the Notary Project requires one signature with a protected header)';
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(envelope.protected, 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error();
  } catch {
    return 'the protected header is not base64url JSON';
  }
  const unprotected = (envelope.header ?? {}) as Record<string, unknown>;
  let chain: X509Certificate[];
  try {
    chain = parseChain(unprotected['x5c']);
  } catch (e) {
    return (e as Error).message;
  }
  return {
    alg: header['alg'],
    cty: header['cty'],
    headers: new Map(Object.entries(header).filter(([k]) => k.startsWith('io.cncf.notary.'))),
    crit: Array.isArray(header['crit']) ? (header['crit'] as unknown[]) : [],
    chain,
    timestamped: unprotected[TIMESTAMP] !== undefined,
    async verify(key, alg) {
      try {
        const verified = await flattenedVerify(envelope, key, { algorithms: [alg], crit: { [SCHEME]: true, [EXPIRY]: true, [AUTHENTIC_TIME]: true, [PLUGIN_MIN]: true } });
        return Buffer.from(verified.payload);
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
          throw new IntegrityError("the signature does not match the signed content with the envelope's own certificate: the envelope was changed after signing");
        }
        throw e;
      }
    },
  };
}
