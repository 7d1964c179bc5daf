/**
 * What signature verification reports: one check per signature artifact found for an
 * image digest, and the verdict over all of them. Every field that came from a registry
 * or a layout is data to be shown, never trusted: messages quote it cut short.
 */

/** The signature formats seaworthy knows; `unknown` is an artifact of another kind. */
export type SignatureFormat = 'cosign-simple-signing' | 'sigstore-bundle' | 'notation-jws' | 'notation-cose';

/** Where a signature artifact was found. */
export type DiscoveryPath = 'referrers-api' | 'referrers-tag' | 'cosign-tag' | 'oci-layout';

export const DISCOVERY_NAMES: Record<DiscoveryPath, string> = {
  'referrers-api': 'the OCI referrers API',
  'referrers-tag': 'the referrers tag schema (sha256-<hex> index)',
  'cosign-tag': "cosign's sha256-<hex>.sig tag",
  'oci-layout': 'the OCI layout',
};

/** Who signed: a key (cosign) or a certificate (notation, keyless later). */
export interface Signer {
  /** `sha256:<hex>` of the public key's SubjectPublicKeyInfo (DER), as `cosign public-key` output hashes. */
  keyFingerprint?: string;
  /** `ECDSA P-256`, `Ed25519`, `RSA 3072`… */
  keyType?: string;
  /** The configured key file that verified it. */
  keyFile?: string;
  /** Leaf certificate subject DN (notation). */
  subject?: string;
  /** Leaf certificate SHA-256 fingerprint. */
  certificateFingerprint?: string;
  /** The trust store CA the chain ended at. */
  trustAnchor?: string;
  /** Signing time claimed by the signature (notation's io.cncf.notary.signingTime). */
  signingTime?: string;
}

export type CheckStatus = 'verified' | 'failed' | 'unsupported' | 'skipped';

export interface SignatureCheck {
  /** Absent for an artifact that could not be read far enough to tell. */
  format?: SignatureFormat;
  found: DiscoveryPath;
  /** Digest of the signature artifact (referrer manifest, or the cosign .sig manifest) and, for a layer, its index. */
  artifact: string;
  layer?: number;
  status: CheckStatus;
  /** Why it failed or was not verified; for a verified one, notes such as an audit-level log. */
  reason?: string;
  /** The image digest the signed payload names (when it could be read). */
  signedDigest?: string;
  signer?: Signer;
}

export interface SignatureVerdict {
  /** The image reference as given. */
  reference: string;
  /** The digest every signature was checked against (the one the reference resolves to). */
  digest: string;
  verified: boolean;
  checks: SignatureCheck[];
  /** Discovery notes: a registry without the referrers API, a fallback tag absent… */
  notes: string[];
  /** One line: why the image counts as not signed (when `verified` is false). */
  summary: string;
}
