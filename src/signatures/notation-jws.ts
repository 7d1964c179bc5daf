/**
 * Notary Project signatures in JWS (`application/jose+json`), checked as the Notary
 * Project specification's verification steps say, offline:
 * - integrity (always enforced): the envelope is a flattened JWS whose protected header
 *   has an allowed `alg` matching the signing key, `cty` the Notary payload type, a known
 *   `io.cncf.notary.signingScheme`, and every critical header understood and listed in
 *   `crit` (jose refuses unknown critical headers); the signature verifies with the leaf
 *   certificate's key; the payload's `targetArtifact.digest` is the image digest;
 * - authenticity: the x5c chain is well formed and reaches a trust store the policy
 *   names (of the type the signing scheme needs), and the leaf's subject matches a
 *   trusted identity;
 * - authentic timestamp: the chain is valid at the signing time the scheme makes
 *   authentic (notary.x509.signingAuthority's authenticSigningTime), or else now — a
 *   TSA countersignature is not checked offline;
 * - expiry: `io.cncf.notary.expiry` has not passed;
 * - revocation: needs OCSP/CRL over the network; never checked, said so.
 * What each check does on failure (enforce, log, skip) comes from the trust policy's level.
 */
import { flattenedVerify, type FlattenedJWSInput } from 'jose';
import type { X509Certificate } from 'node:crypto';
import { chainProblem, oneLine, parseChain, subjectAttributes, trustAnchor, validityProblem } from './certificate-chain.js';
import type { Outcome } from './simple-signing.js';
import type { Signer } from './signature-types.js';
import { quote } from './text.js';
import { policyFor, type Check, type TrustPolicyDocument } from './trust-policy.js';
import type { TrustStore } from './trust-store.js';

export const JWS_MEDIA_TYPE = 'application/jose+json';
export const COSE_MEDIA_TYPE = 'application/cose';
export const NOTATION_ARTIFACT_TYPE = 'application/vnd.cncf.notary.signature';
const PAYLOAD_CTY = 'application/vnd.cncf.notary.payload.v1+json';
const SCHEME = 'io.cncf.notary.signingScheme';
const EXPIRY = 'io.cncf.notary.expiry';
const AUTHENTIC_TIME = 'io.cncf.notary.authenticSigningTime';
const SIGNING_TIME = 'io.cncf.notary.signingTime';
const PLUGIN = 'io.cncf.notary.verificationPlugin';
const PLUGIN_MIN = 'io.cncf.notary.verificationPluginMinVersion';
const TIMESTAMP = 'io.cncf.notary.timestamp';

/** The spec's algorithms and the key each needs. */
const ALGORITHMS: Record<string, { type: 'rsa' | 'ec'; curve?: string; minBits?: number }> = {
  PS256: { type: 'rsa', minBits: 2048 },
  PS384: { type: 'rsa', minBits: 2048 },
  PS512: { type: 'rsa', minBits: 2048 },
  ES256: { type: 'ec', curve: 'prime256v1' },
  ES384: { type: 'ec', curve: 'secp384r1' },
  ES512: { type: 'ec', curve: 'secp521r1' },
};

export interface NotationContext {
  policy: TrustPolicyDocument;
  stores: readonly TrustStore[];
  /** Verification time (tests move it; default now). */
  now?: Date;
}

export async function verifyNotationJws(data: Buffer, imageDigest: string, repository: string | undefined, ctx: NotationContext): Promise<Outcome> {
  const policy = policyFor(ctx.policy, repository);
  if (!policy) return { status: 'failed', reason: `no trust policy in ${ctx.policy.source} applies to ${repository ?? 'an image without a registry name'}` };
  if (policy.level === 'skip') return { status: 'skipped', reason: `trust policy ${quote(policy.name)} has level "skip": not verified, so not counted as signed` };
  const now = ctx.now ?? new Date();
  let envelope: FlattenedJWSInput & { signatures?: unknown };
  try {
    envelope = JSON.parse(data.toString('utf8'));
  } catch {
    return { status: 'failed', reason: 'the JWS envelope is not JSON' };
  }
  if (!envelope || typeof envelope !== 'object' || envelope.signatures !== undefined || typeof envelope.protected !== 'string' || typeof envelope.signature !== 'string') {
    return { status: 'failed', reason: 'not a flattened JWS JSON envelope (the Notary Project requires one signature with a protected header)' };
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(envelope.protected, 'base64url').toString('utf8'));
  } catch {
    return { status: 'failed', reason: 'the protected header is not base64url JSON' };
  }
  const crit = Array.isArray(header['crit']) ? (header['crit'] as unknown[]) : [];
  if (crit.includes(PLUGIN) || header[PLUGIN] !== undefined) {
    return { status: 'unsupported', reason: `the signature requires verification plugin ${quote(header[PLUGIN])}, which seaworthy does not run` };
  }
  const alg = String(header['alg']);
  const need = ALGORITHMS[alg];
  const scheme = header[SCHEME];
  const headerProblem =
    !need ? `algorithm ${quote(header['alg'])} is not one the Notary Project allows (${Object.keys(ALGORITHMS).join(', ')})`
    : header['cty'] !== PAYLOAD_CTY ? `content type ${quote(header['cty'])} is not ${PAYLOAD_CTY}`
    : scheme !== 'notary.x509' && scheme !== 'notary.x509.signingAuthority' ? `signing scheme ${quote(scheme)} is neither notary.x509 nor notary.x509.signingAuthority`
    : !crit.includes(SCHEME) ? `${SCHEME} is not marked critical`
    : header[EXPIRY] !== undefined && !crit.includes(EXPIRY) ? `${EXPIRY} is not marked critical`
    : scheme === 'notary.x509' && typeof header[SIGNING_TIME] !== 'string' ? `the notary.x509 scheme needs ${SIGNING_TIME}`
    : scheme === 'notary.x509.signingAuthority' && (typeof header[AUTHENTIC_TIME] !== 'string' || !crit.includes(AUTHENTIC_TIME)) ? `the signingAuthority scheme needs a critical ${AUTHENTIC_TIME}`
    : undefined;
  if (headerProblem) return { status: 'failed', reason: `invalid Notary JWS envelope: ${headerProblem}` };

  let chain: X509Certificate[];
  try {
    chain = parseChain((envelope.header as Record<string, unknown> | undefined)?.['x5c']);
  } catch (e) {
    return { status: 'failed', reason: (e as Error).message };
  }
  const leaf = chain[0]!;
  const signer: Signer = { subject: oneLine(leaf.subject), certificateFingerprint: `sha256:${leaf.fingerprint256.replace(/:/g, '').toLowerCase()}` };
  const signingTime = String(header[AUTHENTIC_TIME] ?? header[SIGNING_TIME] ?? '');
  if (signingTime) signer.signingTime = signingTime.slice(0, 40);
  const keyProblem = leafKeyProblem(leaf, need!, alg);
  if (keyProblem) return { status: 'failed', signer, reason: `invalid Notary JWS envelope: ${keyProblem}` };

  // Integrity: always enforced.
  let payload: Uint8Array;
  try {
    const verified = await flattenedVerify(envelope, leaf.publicKey, { algorithms: [alg], crit: { [SCHEME]: true, [EXPIRY]: true, [AUTHENTIC_TIME]: true, [PLUGIN_MIN]: true } });
    payload = verified.payload;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { status: 'failed', signer, reason: 'integrity: the signature does not match the signed content with the envelope\'s own certificate: the envelope was changed after signing' };
    return { status: 'failed', signer, reason: `integrity: ${quote((e as Error).message, 160)}` };
  }
  let target: { digest?: unknown; mediaType?: unknown } | undefined;
  try {
    target = (JSON.parse(Buffer.from(payload).toString('utf8')) as { targetArtifact?: { digest?: unknown } }).targetArtifact;
  } catch {
    target = undefined;
  }
  if (!target || typeof target.digest !== 'string') return { status: 'failed', signer, reason: 'integrity: the signed payload has no targetArtifact.digest' };
  const signedDigest = target.digest.slice(0, 140);
  if (target.digest !== imageDigest) return { status: 'failed', signer, signedDigest, reason: `a valid signature for another image: it names ${signedDigest}, the image is ${imageDigest}` };

  const logged: string[] = [];
  const outcome = (check: Check, problem: string | undefined): Outcome | undefined => {
    if (!problem) return undefined;
    const action = policy.actions[check] ?? 'skip';
    if (action === 'enforce') return { status: 'failed', signer, signedDigest, reason: `${check}: ${problem}` };
    if (action === 'log') logged.push(`${check} not enforced by policy ${quote(policy.name)} (${policy.level}): ${problem}`);
    return undefined;
  };

  // Authenticity.
  const storeType = scheme === 'notary.x509' ? 'ca' : 'signingAuthority';
  const allowed = ctx.stores.filter((s) => s.type === storeType && policy.trustStores.some((t) => t.type === s.type && t.name === s.name));
  const missing = policy.trustStores.filter((t) => t.type === storeType && !ctx.stores.some((s) => s.type === t.type && s.name === t.name));
  const anchor = trustAnchor(chain, allowed);
  if (anchor) signer.trustAnchor = `${anchor.store.type}:${anchor.store.name} (${oneLine(anchor.cert.subject)})`;
  const authenticity =
    chainProblem(chain) ??
    (!anchor
      ? `the certificate chain (issuer ${oneLine(chain[chain.length - 1]!.issuer)}) does not lead to a CA in trust store${allowed.length === 1 ? '' : 's'} ${allowed.map((s) => `${s.type}:${s.name}`).join(', ') || '(none of type ' + storeType + ')'}: untrusted CA${missing.length ? `; named by the policy but not found: ${missing.map((t) => `${t.type}:${t.name}`).join(', ')}` : ''}`
      : identityProblem(leaf, policy.trustedIdentities));
  const a = outcome('authenticity', authenticity);
  if (a) return a;

  // Authentic timestamp: the chain must be valid when the signature was made, and without
  // an authentic signing time that is now.
  let at = now;
  let when = 'now';
  if (scheme === 'notary.x509.signingAuthority') {
    const t = new Date(String(header[AUTHENTIC_TIME]));
    if (!Number.isNaN(t.getTime())) {
      at = t;
      when = `at its authentic signing time ${t.toISOString()}`;
    }
  }
  const envelopeHeader = (envelope.header ?? {}) as Record<string, unknown>;
  if (envelopeHeader[TIMESTAMP] !== undefined) logged.push('its RFC 3161 timestamp countersignature was not checked offline; the chain was checked at the current time instead');
  const validity = validityProblem(anchor ? [...chain, anchor.cert] : chain, at);
  const t = outcome('authenticTimestamp', validity ? `${validity} (checked ${when})` : undefined);
  if (t) return t;

  // Expiry.
  if (header[EXPIRY] !== undefined) {
    const expiry = new Date(String(header[EXPIRY]));
    const problem = Number.isNaN(expiry.getTime()) ? `${EXPIRY} ${quote(header[EXPIRY])} is not a time` : now > expiry ? `the signature expired at ${expiry.toISOString()}` : undefined;
    const e = outcome('expiry', problem);
    if (e) return e;
  }
  if ((policy.actions.revocation ?? 'skip') !== 'skip') logged.push('revocation not checked: OCSP/CRL need the network');
  return { status: 'verified', signer, signedDigest, ...(logged.length && { reason: logged.join('; ') }) };
}

function leafKeyProblem(leaf: X509Certificate, need: { type: string; curve?: string; minBits?: number }, alg: string): string | undefined {
  const key = leaf.publicKey;
  const type = key.asymmetricKeyType === 'rsa-pss' ? 'rsa' : key.asymmetricKeyType;
  if (type !== need.type) return `algorithm ${alg} does not fit the certificate's ${key.asymmetricKeyType} key`;
  const d = key.asymmetricKeyDetails ?? {};
  if (need.curve && d.namedCurve !== need.curve) return `algorithm ${alg} does not fit the certificate's curve ${d.namedCurve}`;
  if (need.minBits && (d.modulusLength ?? 0) < need.minBits) return `the certificate's RSA key has ${d.modulusLength} bits, fewer than ${need.minBits}`;
  return undefined;
}

function identityProblem(leaf: X509Certificate, identities: '*' | { text: string; attributes: [string, string][] }[]): string | undefined {
  if (identities === '*') return undefined;
  const have = subjectAttributes(leaf);
  const ok = identities.some((id) => id.attributes.every(([k, v]) => have.some(([hk, hv]) => hk === k && hv === v)));
  return ok ? undefined : `the signing certificate's subject (${oneLine(leaf.subject)}) is none of the trusted identities (${identities.map((i) => i.text).join('; ')})`;
}
