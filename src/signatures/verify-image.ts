/**
 * `seaworthy image REF --verify` and the `image-not-signed` rule's check: resolve the
 * reference to the digest it names now, find that digest's signatures, verify each
 * against the configured cosign keys and Notary trust store + trust policy, and give
 * one verdict with the reason for every signature that did not count.
 */
import type { LoadImageOptions } from '../sources/image/load-image.js';
import { parseDigest } from '../sources/image/digest-check.js';
import { parseImageReference, type ImageReference } from '../sources/image/image-reference.js';
import { withDefaults } from '../sources/image/limits.js';
import { archiveFiles, directoryFiles } from '../sources/image/oci-layout.js';
import { openRegistryClient, type RegistryOptions } from '../sources/image/registry/registry-image.js';
import type { ArtifactSource } from './artifact-source.js';
import { discoverSignatures, type FoundSignature } from './discover-signatures.js';
import { layoutSource } from './layout-source.js';
import { verifyNotationJws, type NotationContext } from './notation-jws.js';
import { verifyNotationCose } from './notation-cose.js';
import type { PublicKeyEntry } from './public-keys.js';
import { registrySource } from './registry-source.js';
import { verifySigstoreBundle } from './sigstore-bundle.js';
import { verifySimpleSigning, type Outcome } from './simple-signing.js';
import { DISCOVERY_NAMES, type SignatureCheck, type SignatureVerdict } from './signature-types.js';

/** What signatures are checked against. */
export interface VerificationMaterial {
  keys: readonly PublicKeyEntry[];
  notation?: NotationContext;
}

/** The digest a registry reference names now (the tag resolved, or the digest itself). */
export async function resolveDigest(ref: string, options: LoadImageOptions = {}): Promise<string> {
  const parsed = parseImageReference(ref);
  if (parsed.transport !== 'docker') throw new Error(`${ref}: only registry references are resolved`);
  if (parsed.digest) return parsed.digest;
  const client = await openRegistryClient(parsed, registryOptions(options));
  return (await client.getManifest(parsed.tag ?? 'latest', withDefaults(options.limits).maxJsonBytes)).digest;
}

/**
 * Verifies the signatures of `ref`'s digest. `knownDigest` (a digest the caller already
 * resolved the tag to) is used instead of asking the registry again.
 */
export async function verifyImageSignatures(ref: string, material: VerificationMaterial, options: LoadImageOptions = {}, knownDigest?: string): Promise<SignatureVerdict> {
  const parsed = parseImageReference(ref);
  const limits = withDefaults(options.limits);
  let source: ArtifactSource;
  let digest: string;
  let repository: string | undefined;
  let origin: 'registry' | 'layout';
  switch (parsed.transport) {
    case 'docker': {
      const client = await openRegistryClient(parsed, registryOptions(options));
      source = registrySource(client, limits.maxJsonBytes);
      digest = parsed.digest ?? knownDigest ?? (await client.getManifest(parsed.tag ?? 'latest', limits.maxJsonBytes)).digest;
      repository = `${parsed.registry}/${parsed.repository}`;
      origin = 'registry';
      break;
    }
    case 'oci':
    case 'oci-archive': {
      const files = parsed.transport === 'oci' ? directoryFiles(parsed.path) : await archiveFiles(parsed.path);
      const layout = layoutSource(files, limits.maxJsonBytes);
      digest = await layoutDigest(await layout.index(), parsed, files.where);
      source = layout;
      origin = 'layout';
      break;
    }
    case 'docker-archive':
      return { reference: ref, digest: '', verified: false, checks: [], notes: [], summary: 'a docker archive keeps no signatures (docker save drops them): verify the image in its registry or an OCI layout' };
  }
  parseDigest(digest);
  const discovery = await discoverSignatures(source, digest, origin);
  const checks: SignatureCheck[] = discovery.unreadable.map((u) => ({ found: u.found, artifact: u.artifact, status: 'failed', reason: u.reason }));
  for (const s of discovery.signatures) checks.push({ format: s.format, found: s.found, artifact: s.artifact, layer: s.layer, ...(await checkOne(s, material, digest, repository)) });
  return verdict(ref, digest, checks, discovery.notes, origin);
}

async function checkOne(s: FoundSignature, material: VerificationMaterial, digest: string, repository: string | undefined): Promise<Outcome> {
  try {
    switch (s.format) {
      case 'cosign-simple-signing':
        return verifySimpleSigning(s.data, s.annotations, material.keys, digest, repository);
      case 'sigstore-bundle':
        return verifySigstoreBundle(s.data, material.keys, digest);
      case 'notation-jws':
        return material.notation ? await verifyNotationJws(s.data, digest, repository, material.notation) : { status: 'skipped', reason: 'no Notary trust store and policy configured (--trust-store, --trust-policy) to verify it with' };
      case 'notation-cose':
        return material.notation ? await verifyNotationCose(s.data, digest, repository, material.notation) : { status: 'skipped', reason: 'no Notary trust store and policy configured (--trust-store, --trust-policy) to verify it with' };
    }
  } catch (e) {
    return { status: 'failed', reason: `could not be checked: ${(e as Error).message.slice(0, 200)}` };
  }
}

function verdict(reference: string, digest: string, checks: SignatureCheck[], notes: string[], origin: 'registry' | 'layout'): SignatureVerdict {
  const verified = checks.some((c) => c.status === 'verified');
  let summary: string;
  if (verified) {
    const v = checks.filter((c) => c.status === 'verified');
    summary = `${v.length} verified signature${v.length === 1 ? '' : 's'} for ${digest}`;
  } else if (checks.length === 0) {
    summary = `unsigned: no signature for ${digest} (looked in ${origin === 'layout' ? DISCOVERY_NAMES['oci-layout'] : `${DISCOVERY_NAMES['referrers-api']}, ${DISCOVERY_NAMES['referrers-tag']} and ${DISCOVERY_NAMES['cosign-tag']}`})`;
  } else {
    summary = `none of the ${checks.length} signature${checks.length === 1 ? '' : 's'} found verifies: ${checks.map((c) => c.reason ?? c.status).join(' | ')}`;
  }
  return { reference, digest, verified, checks, notes, summary };
}

/** The digest a layout reference names: its index.json entry (a tag, or the only image). */
async function layoutDigest(entries: { digest: string; annotations?: Record<string, string> }[], ref: Extract<ImageReference, { transport: 'oci' | 'oci-archive' }>, where: string): Promise<string> {
  const REF = 'org.opencontainers.image.ref.name';
  if (ref.tag !== undefined) {
    const d = entries.find((e) => e.annotations?.[REF] === ref.tag);
    if (!d) throw new Error(`${where} has no image tagged ${JSON.stringify(ref.tag)}`);
    return d.digest;
  }
  // Signature artifacts live beside the image in the same index: leave out tag-schema names.
  const images = entries.filter((e) => !/^sha(256|512)-[0-9a-f]+(\.sig|\.att|\.sbom)?$/.test(e.annotations?.[REF] ?? ''));
  if (images.length !== 1) throw new Error(`${where} holds ${images.length} entries; name the image with :TAG`);
  return images[0]!.digest;
}

function registryOptions(options: LoadImageOptions): RegistryOptions {
  const out: RegistryOptions = { tlsVerify: options.tlsVerify ?? true };
  if (options.authfile) out.authfile = options.authfile;
  if (options.certDir) out.certDir = options.certDir;
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  if (options.retries !== undefined) out.retries = options.retries;
  if (options.backoffMs !== undefined) out.backoffMs = options.backoffMs;
  if (options.deadlineMs !== undefined) out.deadlineMs = options.deadlineMs;
  if (options.foreignRealm !== undefined) out.foreignRealm = options.foreignRealm;
  if (options.registryAccess) out.access = options.registryAccess;
  return out;
}
