/**
 * A signature verdict for people (text) and tools (JSON): who signed what, and for
 * every signature that did not count, why. Everything that came from a registry
 * passes through the one redactor on its way out.
 */
import { redactText } from '../secrets/secret-detection.js';
import { DISCOVERY_NAMES, type SignatureCheck, type SignatureVerdict, type Signer } from './signature-types.js';

const FORMAT_NAMES: Record<NonNullable<SignatureCheck['format']>, string> = {
  'cosign-simple-signing': 'cosign signature (simple signing)',
  'sigstore-bundle': 'cosign Sigstore bundle',
  'notation-jws': 'Notary Project signature (JWS)',
  'notation-cose': 'Notary Project signature (COSE)',
};

function who(s: Signer | undefined): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.keyFingerprint) parts.push(`key ${s.keyFingerprint} (${s.keyType}${s.keyFile ? `, ${s.keyFile}` : ''})`);
  if (s.subject) parts.push(`certificate "${s.subject}"${s.trustAnchor ? ` via ${s.trustAnchor}` : ''}`);
  if (s.signingTime) parts.push(`signed ${s.signingTime}`);
  return parts.join(', ');
}

export function formatVerdictText(v: SignatureVerdict): string {
  const lines = [`Signatures of ${v.reference}${v.digest ? ` (${v.digest})` : ''}:`];
  for (const c of v.checks) {
    const what = `${c.format ? FORMAT_NAMES[c.format] : 'signature artifact'} ${c.artifact}${c.layer !== undefined ? `#${c.layer}` : ''} found in ${DISCOVERY_NAMES[c.found]}`;
    const signer = who(c.signer);
    lines.push(`  ${c.status.padEnd(11)} ${what}`);
    if (signer) lines.push(`              signed by ${signer}`);
    if (c.reason) lines.push(`              ${c.status === 'verified' ? 'note' : 'why'}: ${c.reason}`);
  }
  for (const n of v.notes) lines.push(`  note: ${n}`);
  lines.push(v.verified ? `  VERIFIED: ${v.summary}` : `  NOT SIGNED (image-not-signed): ${v.summary}`);
  return redactText(lines.join('\n')) + '\n\n';
}

/** The verdict as plain JSON (copied field by field, redacted). */
export function verdictJson(v: SignatureVerdict): unknown {
  return redactStrings({
    reference: v.reference,
    digest: v.digest,
    verified: v.verified,
    summary: v.summary,
    signatures: v.checks.map((c) => ({
      format: c.format ?? null,
      found: c.found,
      artifact: c.artifact,
      ...(c.layer !== undefined && { layer: c.layer }),
      status: c.status,
      ...(c.reason && { reason: c.reason }),
      ...(c.signedDigest && { signedDigest: c.signedDigest }),
      ...(c.signer && { signer: c.signer }),
    })),
    notes: v.notes,
  });
}

/** Every string in a plain JSON value redacted (the structure is never touched). */
function redactStrings(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v)]));
  return value;
}
