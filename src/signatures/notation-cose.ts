/**
 * Notary Project signatures in COSE (`application/cose`): a tagged COSE_Sign1 (RFC 9052)
 * whose protected header carries the algorithm (1), critical headers (2), content type
 * (3) and the Notary headers by name, and whose unprotected header carries the x5chain
 * (33). CBOR is decoded by cbor2; the signature over the Sig_structure
 * `["Signature1", protected, h'', payload]` is checked with node:crypto (ECDSA as r||s,
 * RSASSA-PSS with a salt as long as the hash); the verification steps are
 * notary-verify.ts's, the same as for JWS.
 */
import { constants, verify, X509Certificate } from 'node:crypto';
import { decode, encode, Tag } from 'cbor2';
import { MAX_CHAIN } from './certificate-chain.js';
import { ALGORITHMS, IntegrityError, verifyNotaryEnvelope, type NotationContext, type NotaryEnvelope } from './notary-verify.js';
import type { Outcome } from './simple-signing.js';

export const COSE_MEDIA_TYPE = 'application/cose';
const COSE_SIGN1_TAG = 18;
/** COSE algorithm ids (IANA) of the Notary Project's algorithms. */
const ALG_NAMES: Record<number, string> = { [-37]: 'PS256', [-38]: 'PS384', [-39]: 'PS512', [-7]: 'ES256', [-35]: 'ES384', [-36]: 'ES512' };
const HASH_BYTES: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

export async function verifyNotationCose(data: Buffer, imageDigest: string, repository: string | undefined, ctx: NotationContext): Promise<Outcome> {
  const decoded = decodeCose(data);
  return typeof decoded === 'string' ? { status: 'failed', reason: decoded } : verifyNotaryEnvelope(decoded, imageDigest, repository, ctx);
}

function decodeCose(data: Buffer): NotaryEnvelope | string {
  let top: unknown;
  try {
    top = decode(data);
  } catch (e) {
    return `the COSE envelope is not CBOR: ${(e as Error).message.slice(0, 120)}`;
  }
  const items = top instanceof Tag && Number(top.tag) === COSE_SIGN1_TAG ? top.contents : undefined;
  if (!Array.isArray(items) || items.length !== 4) return 'not a tagged COSE_Sign1 message';
  const [protectedBytes, unprotected, payload, signature] = items as unknown[];
  if (!(protectedBytes instanceof Uint8Array) || !(unprotected instanceof Map) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) return 'a COSE_Sign1 message with fields of the wrong types';
  let header: unknown;
  try {
    header = decode(protectedBytes);
  } catch {
    return 'the protected header is not CBOR';
  }
  if (!(header instanceof Map)) return 'the protected header is not a map';
  const x5chain = unprotected.get(33);
  const certs = x5chain instanceof Uint8Array ? [x5chain] : Array.isArray(x5chain) ? x5chain : [];
  if (!certs.length || certs.length > MAX_CHAIN || !certs.every((c) => c instanceof Uint8Array)) return 'the envelope carries no usable certificate chain (x5chain)';
  let chain: X509Certificate[];
  try {
    chain = certs.map((c) => new X509Certificate(Buffer.from(c as Uint8Array)));
  } catch {
    return 'the x5chain holds something that is not an X.509 certificate';
  }
  const algId = header.get(1);
  const named = new Map<string, unknown>();
  for (const [k, v] of header) if (typeof k === 'string' && k.startsWith('io.cncf.notary.')) named.set(k, v);
  return {
    alg: typeof algId === 'number' ? (ALG_NAMES[algId] ?? algId) : algId,
    cty: header.get(3),
    headers: named,
    crit: Array.isArray(header.get(2)) ? (header.get(2) as unknown[]) : [],
    chain,
    timestamped: unprotected.has('io.cncf.notary.timestampSignature'),
    async verify(key, alg) {
      // Plain Uint8Arrays: cbor2 decodes byte strings to Buffers, and encodes a Buffer as
      // an object (its toJSON), not as the byte string it was.
      const toBeSigned = encode(['Signature1', Uint8Array.from(protectedBytes), new Uint8Array(0), Uint8Array.from(payload)]);
      const hash = ALGORITHMS[alg]!.hash;
      const ok = alg.startsWith('ES')
        ? verify(hash, toBeSigned, { key, dsaEncoding: 'ieee-p1363' }, signature)
        : verify(hash, toBeSigned, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash]! }, signature);
      if (!ok) throw new IntegrityError("the signature does not match the signed content with the envelope's own certificate: the envelope was changed after signing");
      return Buffer.from(payload);
    },
  };
}
