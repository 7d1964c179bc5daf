/**
 * Sigstore bundles (`application/vnd.dev.sigstore.bundle.v0.3+json`), what cosign writes
 * with --new-bundle-format as an OCI 1.1 referrer: a DSSE envelope around an in-toto
 * statement whose subject is the image digest and whose predicateType is
 * `https://sigstore.dev/cosign/sign/v1`.
 *
 * The bundle is parsed and checked by Sigstore's own libraries (@sigstore/bundle,
 * @sigstore/verify, pinned to the last majors that run on Node 20). Offline, with a key
 * the user trusts, the Verifier runs with no transparency-log, SCT or timestamp
 * thresholds: a Rekor entry or RFC 3161 timestamp in the bundle is reported as present
 * but not checked, since checking it needs Sigstore's trusted root (TUF, network).
 * A bundle with a Fulcio certificate (keyless) is reported as not verifiable offline;
 * the same Verifier takes a TrustedRoot when keyless is added.
 */
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { toSignedEntity, toTrustMaterial, Verifier, type SignedEntity } from '@sigstore/verify';
import type { PublicKeyEntry } from './public-keys.js';
import { verifyRawSignature } from './raw-signature.js';
import type { Outcome } from './simple-signing.js';
import { quote } from './text.js';

export const SIGSTORE_BUNDLE_MEDIA_TYPES = ['application/vnd.dev.sigstore.bundle.v0.3+json', 'application/vnd.dev.sigstore.bundle+json;version=0.3'];
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const IN_TOTO_PAYLOAD = 'application/vnd.in-toto+json';

/** An empty trusted root: no CA, no log, no TSA is trusted, so only the given keys count. */
const NO_ROOT = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] } as unknown as Parameters<typeof toTrustMaterial>[0];

export function isSigstoreBundleMediaType(mediaType: string | undefined): boolean {
  return !!mediaType && SIGSTORE_BUNDLE_MEDIA_TYPES.includes(mediaType.replace(/\s+/g, ''));
}

export function verifySigstoreBundle(data: Buffer, keys: readonly PublicKeyEntry[], imageDigest: string): Outcome {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(data.toString('utf8')));
  } catch (e) {
    return { status: 'failed', reason: `not a valid Sigstore bundle: ${quote((e as Error).message, 120)}` };
  }
  const material = bundle.verificationMaterial.content;
  if (material.$case !== 'publicKey') {
    return { status: 'unsupported', reason: 'a keyless (Fulcio certificate) bundle: verifying it needs the Sigstore trusted root and Rekor, which an offline check does not have' };
  }
  if (bundle.content.$case !== 'dsseEnvelope') {
    return { status: 'unsupported', reason: 'a message-signature bundle: it signs a blob digest, not an image; cosign signs images with DSSE bundles' };
  }
  if (keys.length === 0) return { status: 'skipped', reason: 'no cosign key configured (--key) to verify it with' };
  let entity: SignedEntity;
  try {
    entity = toSignedEntity(bundle);
  } catch (e) {
    return { status: 'failed', reason: `unreadable bundle: ${quote((e as Error).message, 120)}` };
  }
  const notes: string[] = [];
  if (entity.tlogEntries.length) notes.push(`its ${entity.tlogEntries.length} Rekor entr${entity.tlogEntries.length === 1 ? 'y was' : 'ies were'} not checked (offline)`);
  if (entity.timestamps.some((t) => t.$case === 'timestamp-authority')) notes.push('its RFC 3161 timestamp was not checked (no TSA trusted)');
  // Offline: only the signature over the DSSE envelope is checked, with the user's keys.
  const offline: SignedEntity = { ...entity, tlogEntries: [], timestamps: [] };
  const hint = material.publicKey.hint;
  let signer: PublicKeyEntry | undefined;
  for (const k of keys) {
    const verifier = new Verifier(
      toTrustMaterial(NO_ROOT, () => ({ publicKey: k.key, validFor: () => true })),
      { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 },
    );
    try {
      verifier.verify(offline);
      signer = k;
      break;
    } catch {
      // the next key
    }
  }
  // @sigstore/verify checks ECDSA with SHA-256 and Ed25519 pure only; cosign signs with a
  // P-384 key over SHA-384 and with an Ed25519 key as Ed25519ph. Those are checked here,
  // over the same DSSE pre-authentication encoding.
  if (!signer && bundle.content.$case === 'dsseEnvelope') {
    const env = bundle.content.dsseEnvelope;
    const pae = preAuthEncoding(env.payloadType, Buffer.from(env.payload));
    const sig = env.signatures[0]?.sig;
    if (sig) signer = keys.find((k) => verifyRawSignature(pae, Buffer.from(sig), k.key));
  }
  if (!signer) {
    const hinted = hint ? keys.find((k) => k.hint === hint) : undefined;
    if (hinted) return { status: 'failed', reason: `the bundle names key ${hinted.fingerprint} (${hinted.file}) but its signature does not verify with it: the envelope was changed after signing` };
    const other = hint ? ` (its key hint is sha256:${Buffer.from(hint, 'base64').toString('hex').slice(0, 64)})` : '';
    return { status: 'failed', reason: `signed with a key that is not configured${other}; configured: ${keys.map((k) => k.fingerprint).join(', ')}` };
  }
  const who = { keyFingerprint: signer.fingerprint, keyType: signer.type, keyFile: signer.file };
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD) return { status: 'failed', signer: who, reason: `the envelope's payloadType is ${quote(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD}` };
  let statement: { predicateType?: unknown; subject?: { digest?: Record<string, unknown> }[] };
  try {
    statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8'));
  } catch {
    return { status: 'failed', signer: who, reason: 'the signed in-toto statement is not JSON' };
  }
  const [algorithm, hex] = imageDigest.split(':');
  const subjects = Array.isArray(statement.subject) ? statement.subject : [];
  const named = subjects.map((s) => s?.digest?.[algorithm!]).filter((d): d is string => typeof d === 'string');
  if (statement.predicateType !== COSIGN_SIGN_PREDICATE) {
    return { status: 'skipped', signer: who, reason: `an attestation (predicateType ${quote(statement.predicateType)}), not a signature` };
  }
  if (!named.includes(hex!)) {
    const signedDigest = named[0] ? `${algorithm}:${named[0].slice(0, 128)}` : undefined;
    return { status: 'failed', signer: who, ...(signedDigest && { signedDigest }), reason: `a valid signature for another image: its statement names ${signedDigest ?? 'no sha256 subject'}, the image is ${imageDigest}` };
  }
  return { status: 'verified', signer: who, signedDigest: imageDigest, ...(notes.length && { reason: notes.join('; ') }) };
}

/** DSSE's pre-authentication encoding: what a DSSE signature signs. */
function preAuthEncoding(type: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
}
