/**
 * The Notary Project's verification steps, the same for both envelope formats (JWS in
 * notation-jws.ts, COSE in notation-cose.ts), offline:
 * - integrity (always enforced): an allowed algorithm that fits the signing key, the
 *   Notary payload content type, a known signing scheme, every critical header
 *   understood and present, the signature verified with the leaf certificate's key, and
 *   the payload's `targetArtifact.digest` equal to the image digest;
 * - authenticity: the certificate chain is well formed and reaches a trust store the
 *   policy names (of the type the signing scheme needs), and the leaf's subject matches a
 *   trusted identity;
 * - authentic timestamp: the chain is valid at the authentic signing time
 *   (notary.x509.signingAuthority), or else now — a TSA countersignature is not checked;
 * - expiry: `io.cncf.notary.expiry` has not passed;
 * - revocation: needs OCSP/CRL over the network; never checked, and said so.
 * What each check does on failure (enforce, log, skip) comes from the trust policy.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { chainProblem, oneLine, subjectAttributes, trustAnchor, validityProblem } from './certificate-chain.js';
import type { Outcome } from './simple-signing.js';
import type { Signer } from './signature-types.js';
import { quote } from './text.js';
import { policyFor, type Check, type TrustPolicyDocument } from './trust-policy.js';
import type { TrustStore } from './trust-store.js';

export const NOTATION_ARTIFACT_TYPE = 'application/vnd.cncf.notary.signature';
export const PAYLOAD_CTY = 'application/vnd.cncf.notary.payload.v1+json';
export const SCHEME = 'io.cncf.notary.signingScheme';
export const EXPIRY = 'io.cncf.notary.expiry';
export const AUTHENTIC_TIME = 'io.cncf.notary.authenticSigningTime';
export const SIGNING_TIME = 'io.cncf.notary.signingTime';
export const PLUGIN = 'io.cncf.notary.verificationPlugin';
export const PLUGIN_MIN = 'io.cncf.notary.verificationPluginMinVersion';
/** Critical headers a verifier without plugins understands. */
const UNDERSTOOD = new Set([SCHEME, EXPIRY, AUTHENTIC_TIME, PLUGIN_MIN]);

/** The specification's algorithms and the key each needs. */
export const ALGORITHMS: Record<string, { type: 'rsa' | 'ec'; curve?: string; minBits?: number; hash: string }> = {
  PS256: { type: 'rsa', minBits: 2048, hash: 'sha256' },
  PS384: { type: 'rsa', minBits: 2048, hash: 'sha384' },
  PS512: { type: 'rsa', minBits: 2048, hash: 'sha512' },
  ES256: { type: 'ec', curve: 'prime256v1', hash: 'sha256' },
  ES384: { type: 'ec', curve: 'secp384r1', hash: 'sha384' },
  ES512: { type: 'ec', curve: 'secp521r1', hash: 'sha512' },
};

export interface NotationContext {
  policy: TrustPolicyDocument;
  stores: readonly TrustStore[];
  /** Verification time (tests move it; default now). */
  now?: Date;
}

/** An envelope decoded far enough to run the common steps. */
export interface NotaryEnvelope {
  /** `PS256`…, or the raw value when it is none of the allowed ones. */
  alg: unknown;
  cty: unknown;
  /** Protected header values by name (the Notary ones). */
  headers: Map<string, unknown>;
  crit: unknown[];
  chain: X509Certificate[];
  /** A TSA countersignature is attached (not checked offline). */
  timestamped: boolean;
  /** Verifies the signature with the leaf key; resolves with the payload, or rejects with why. */
  verify(key: KeyObject, alg: string): Promise<Buffer>;
}

export class IntegrityError extends Error {}

export async function verifyNotaryEnvelope(envelope: NotaryEnvelope, imageDigest: string, repository: string | undefined, ctx: NotationContext): Promise<Outcome> {
  const policy = policyFor(ctx.policy, repository);
  if (!policy) return { status: 'failed', reason: `no trust policy in ${ctx.policy.source} applies to ${repository ?? 'an image without a registry name'}` };
  if (policy.level === 'skip') return { status: 'skipped', reason: `trust policy ${quote(policy.name)} has level "skip": not verified, so not counted as signed` };
  const now = ctx.now ?? new Date();
  const h = envelope.headers;
  const crit = envelope.crit;
  if (crit.includes(PLUGIN) || h.has(PLUGIN)) return { status: 'unsupported', reason: `the signature requires verification plugin ${quote(h.get(PLUGIN))}, which seaworthy does not run` };
  const alg = typeof envelope.alg === 'string' && ALGORITHMS[envelope.alg] ? envelope.alg : undefined;
  const scheme = h.get(SCHEME);
  const unknownCrit = crit.find((c) => typeof c !== 'string' || !UNDERSTOOD.has(c));
  const absentCrit = crit.find((c) => typeof c === 'string' && !h.has(c));
  const headerProblem =
    !alg ? `algorithm ${quote(envelope.alg)} is not one the Notary Project allows (${Object.keys(ALGORITHMS).join(', ')})`
    : envelope.cty !== PAYLOAD_CTY ? `content type ${quote(envelope.cty)} is not ${PAYLOAD_CTY}`
    : scheme !== 'notary.x509' && scheme !== 'notary.x509.signingAuthority' ? `signing scheme ${quote(scheme)} is neither notary.x509 nor notary.x509.signingAuthority`
    : unknownCrit !== undefined ? `critical header ${quote(unknownCrit)} is not recognized`
    : absentCrit !== undefined ? `critical header ${quote(absentCrit)} is not in the protected header`
    : !crit.includes(SCHEME) ? `${SCHEME} is not marked critical`
    : h.has(EXPIRY) && !crit.includes(EXPIRY) ? `${EXPIRY} is not marked critical`
    : scheme === 'notary.x509' && !validTime(h.get(SIGNING_TIME)) ? `the notary.x509 scheme needs ${SIGNING_TIME}`
    : scheme === 'notary.x509.signingAuthority' && (!validTime(h.get(AUTHENTIC_TIME)) || !crit.includes(AUTHENTIC_TIME)) ? `the signingAuthority scheme needs a critical ${AUTHENTIC_TIME}`
    : undefined;
  if (headerProblem) return { status: 'failed', reason: `invalid Notary envelope: ${headerProblem}` };

  const leaf = envelope.chain[0]!;
  const signer: Signer = { subject: oneLine(leaf.subject), certificateFingerprint: `sha256:${leaf.fingerprint256.replace(/:/g, '').toLowerCase()}` };
  const claimed = toTime(h.get(AUTHENTIC_TIME) ?? h.get(SIGNING_TIME));
  if (claimed) signer.signingTime = claimed.toISOString();
  const keyProblem = leafKeyProblem(leaf, ALGORITHMS[alg!]!, alg!);
  if (keyProblem) return { status: 'failed', signer, reason: `invalid Notary envelope: ${keyProblem}` };

  // Integrity: always enforced.
  let payload: Buffer;
  try {
    payload = await envelope.verify(leaf.publicKey, alg!);
  } catch (e) {
    return { status: 'failed', signer, reason: `integrity: ${e instanceof IntegrityError ? e.message : quote((e as Error).message, 160)}` };
  }
  let target: { digest?: unknown } | undefined;
  try {
    target = (JSON.parse(payload.toString('utf8')) as { targetArtifact?: { digest?: unknown } }).targetArtifact;
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
  const chain = envelope.chain;
  const storeType = scheme === 'notary.x509' ? 'ca' : 'signingAuthority';
  const allowed = ctx.stores.filter((s) => s.type === storeType && policy.trustStores.some((t) => t.type === s.type && t.name === s.name));
  const missing = policy.trustStores.filter((t) => t.type === storeType && !ctx.stores.some((s) => s.type === t.type && s.name === t.name));
  const anchor = trustAnchor(chain, allowed);
  if (anchor) signer.trustAnchor = `${anchor.store.type}:${anchor.store.name} (${oneLine(anchor.cert.subject)})`;
  const authenticity =
    chainProblem(chain) ??
    (!anchor
      ? `the certificate chain (issuer ${oneLine(chain[chain.length - 1]!.issuer)}) does not lead to a CA in trust store${allowed.length === 1 ? '' : 's'} ${allowed.map((s) => `${s.type}:${s.name}`).join(', ') || `(none of type ${storeType})`}: untrusted CA${missing.length ? `; named by the policy but not found: ${missing.map((t) => `${t.type}:${t.name}`).join(', ')}` : ''}`
      : identityProblem(leaf, policy.trustedIdentities));
  const a = outcome('authenticity', authenticity);
  if (a) return a;

  // Authentic timestamp: the chain must be valid when the signature was made; without an
  // authentic signing time, that is now.
  let at = now;
  let when = 'now';
  if (scheme === 'notary.x509.signingAuthority') {
    at = toTime(h.get(AUTHENTIC_TIME))!;
    when = `at its authentic signing time ${at.toISOString()}`;
  }
  if (envelope.timestamped) logged.push('its RFC 3161 timestamp countersignature was not checked offline; the chain was checked at the current time instead');
  const validity = validityProblem(anchor ? [...chain, anchor.cert] : chain, at);
  const t = outcome('authenticTimestamp', validity ? `${validity} (checked ${when})` : undefined);
  if (t) return t;

  // Expiry.
  if (h.has(EXPIRY)) {
    const expiry = toTime(h.get(EXPIRY));
    const e = outcome('expiry', !expiry ? `${EXPIRY} ${quote(String(h.get(EXPIRY)))} is not a time` : now > expiry ? `the signature expired at ${expiry.toISOString()}` : undefined);
    if (e) return e;
  }
  if ((policy.actions.revocation ?? 'skip') !== 'skip') logged.push('revocation not checked: OCSP/CRL need the network');
  return { status: 'verified', signer, signedDigest, ...(logged.length && { reason: logged.join('; ') }) };
}

/** An RFC 3339 string (JWS) or a CBOR time (COSE) as a Date, or undefined. */
function toTime(v: unknown): Date | undefined {
  const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

function validTime(v: unknown): boolean {
  return toTime(v) !== undefined;
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
