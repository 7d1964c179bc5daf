/**
 * Finds the signature artifacts of one image digest: the OCI 1.1 referrers (API, or the
 * referrers tag schema `sha256-<hex>` index when the store has no API) and cosign's
 * `sha256-<hex>.sig` tag, then reads each signature layer (bounded in count and size).
 * A referrer is used only when its manifest's `subject` is the image: a fallback tag
 * index is writable by anyone who can push a tag and may be stale.
 */
import { parseDigest } from '../sources/image/digest-check.js';
import { MAX_REFERRERS, MAX_SIGNATURE_BYTES, MAX_SIGNATURE_LAYERS, type ArtifactSource, type ReferrerDescriptor } from './artifact-source.js';
import { isSigstoreBundleMediaType } from './sigstore-bundle.js';
import { JWS_MEDIA_TYPE, NOTATION_ARTIFACT_TYPE } from './notation-jws.js';
import { COSE_MEDIA_TYPE } from './notation-cose.js';
import { SIMPLE_SIGNING_MEDIA_TYPE } from './simple-signing.js';
import type { DiscoveryPath, SignatureFormat } from './signature-types.js';
import { quote } from './text.js';

export interface FoundSignature {
  format: SignatureFormat;
  found: DiscoveryPath;
  artifact: string;
  layer: number;
  data: Buffer;
  annotations?: Record<string, string>;
}

export interface Discovery {
  signatures: FoundSignature[];
  /** Artifacts that could not be read, with why (a failed check each, not a crash). */
  unreadable: { found: DiscoveryPath; artifact: string; reason: string }[];
  notes: string[];
}

function formatOf(mediaType: string | undefined): SignatureFormat | undefined {
  if (mediaType === JWS_MEDIA_TYPE) return 'notation-jws';
  if (mediaType === COSE_MEDIA_TYPE) return 'notation-cose';
  if (isSigstoreBundleMediaType(mediaType)) return 'sigstore-bundle';
  if (mediaType === SIMPLE_SIGNING_MEDIA_TYPE) return 'cosign-simple-signing';
  return undefined;
}

/**
 * Referrer artifact types that can hold a signature (others, SBOMs say, are not read).
 * The empty and image config types are read too: go-containerregistry (cosign) writes
 * the config's media type, not the artifact's, into the fallback tag index.
 */
const MAY_SIGN = new Set([NOTATION_ARTIFACT_TYPE, 'application/vnd.oci.empty.v1+json', 'application/vnd.oci.image.config.v1+json']);
function maySign(d: ReferrerDescriptor): boolean {
  return !d.artifactType || MAY_SIGN.has(d.artifactType) || isSigstoreBundleMediaType(d.artifactType);
}

export async function discoverSignatures(source: ArtifactSource, digest: string, origin: 'registry' | 'layout'): Promise<Discovery> {
  const { algorithm, hex } = parseDigest(digest);
  const out: Discovery = { signatures: [], unreadable: [], notes: [] };
  let referrers: ReferrerDescriptor[] = [];
  let via: DiscoveryPath = origin === 'layout' ? 'oci-layout' : 'referrers-api';
  const api = await source.referrers(digest);
  if (api) {
    referrers = api.descriptors;
    if (api.note) out.notes.push(api.note);
  }
  // The tag schema is read when there is no API, and in a layout as well (copies of
  // registries without the API keep the fallback tag).
  if (!api || origin === 'layout') {
    if (!api) out.notes.push('the registry has no OCI referrers API (it answered 404): used the referrers tag schema');
    const tagged = await source.manifest(`${algorithm}-${hex}`);
    if (tagged) {
      if (!api) via = 'referrers-tag';
      const seen = new Set(referrers.map((r) => r.digest));
      referrers.push(...((tagged.manifest.manifests ?? []) as ReferrerDescriptor[]).filter((r) => r && typeof r.digest === 'string' && !seen.has(r.digest)));
    }
  }
  // A digest from the registry names a URL path: anything but a well-formed digest is dropped.
  const candidates = referrers.filter((r) => wellFormed(r.digest) && maySign(r));
  if (candidates.length > MAX_REFERRERS) out.notes.push(`${candidates.length} signature referrers; only the first ${MAX_REFERRERS} were read`);
  for (const r of candidates.slice(0, MAX_REFERRERS)) {
    await readArtifact(source, r.digest, via, digest, out);
  }
  // cosign's own tag: one image manifest whose layers are simple-signing payloads.
  const sigTag = `${algorithm}-${hex}.sig`;
  const sig = await source.manifest(sigTag).catch((e: Error) => {
    out.unreadable.push({ found: 'cosign-tag', artifact: sigTag, reason: quote(e.message, 200) });
    return undefined;
  });
  if (sig) await readLayers(source, sig.manifest.layers ?? [], sig.digest, origin === 'layout' ? 'oci-layout' : 'cosign-tag', out);
  return out;
}

async function readArtifact(source: ArtifactSource, artifact: string, found: DiscoveryPath, subject: string, out: Discovery): Promise<void> {
  let got;
  try {
    got = await source.manifest(artifact);
  } catch (e) {
    out.unreadable.push({ found, artifact, reason: quote((e as Error).message, 200) });
    return;
  }
  if (!got) {
    out.unreadable.push({ found, artifact, reason: 'listed as a referrer but the manifest does not exist' });
    return;
  }
  if (got.manifest.subject?.digest !== subject) {
    out.unreadable.push({ found, artifact, reason: `its subject is ${quote(got.manifest.subject?.digest)}, not the image: ignored` });
    return;
  }
  await readLayers(source, got.manifest.layers ?? [], artifact, found, out);
}

async function readLayers(source: ArtifactSource, layers: { mediaType?: string; digest: string; size?: number; annotations?: Record<string, string> }[], artifact: string, found: DiscoveryPath, out: Discovery): Promise<void> {
  const known = layers.map((l, i) => ({ l, i, format: formatOf(l?.mediaType) })).filter((x) => x.format);
  if (known.length > MAX_SIGNATURE_LAYERS) out.notes.push(`${artifact} has ${known.length} signature layers; only the first ${MAX_SIGNATURE_LAYERS} were read`);
  for (const { l, i, format } of known.slice(0, MAX_SIGNATURE_LAYERS)) {
    if (!wellFormed(l.digest)) {
      out.unreadable.push({ found, artifact, reason: `layer ${i} has a malformed digest ${quote(l.digest)}` });
      continue;
    }
    if (typeof l.size === 'number' && l.size > MAX_SIGNATURE_BYTES) {
      out.unreadable.push({ found, artifact, reason: `layer ${i} is ${l.size} bytes, more than the ${MAX_SIGNATURE_BYTES} a signature may be` });
      continue;
    }
    try {
      const data = await source.blob(l.digest, MAX_SIGNATURE_BYTES);
      out.signatures.push({ format: format!, found, artifact, layer: i, data, ...(l.annotations && { annotations: l.annotations }) });
    } catch (e) {
      out.unreadable.push({ found, artifact, reason: `layer ${i}: ${quote((e as Error).message, 200)}` });
    }
  }
}

function wellFormed(digest: unknown): digest is string {
  try {
    parseDigest(String(digest));
    return true;
  } catch {
    return false;
  }
}
