/**
 * Signature artifacts in an OCI image layout (`oci:DIR`, `oci-archive:FILE`): tags are
 * index.json's `org.opencontainers.image.ref.name` annotations (cosign's
 * `sha256-<hex>.sig`, the referrers tag schema's `sha256-<hex>`), and referrers are the
 * manifests index.json lists whose `subject` is the image — how `oras cp -r`,
 * `notation sign --oci-layout` and `cosign save` keep them.
 */
import { blobPath, type LayoutFiles } from '../sources/image/oci-layout.js';
import { verifyDigest } from '../sources/image/digest-check.js';
import { parseJsonObject, type Descriptor } from '../sources/image/oci-types.js';
import { MAX_REFERRERS, type ArtifactManifest, type ArtifactSource, type ReferrerDescriptor } from './artifact-source.js';

const REF_NAME = 'org.opencontainers.image.ref.name';

export function layoutSource(files: LayoutFiles, maxJsonBytes: number): ArtifactSource & { index(): Promise<Descriptor[]> } {
  let entries: Descriptor[] | undefined;
  const index = async (): Promise<Descriptor[]> => {
    if (!entries) entries = (parseJsonObject<ArtifactManifest>(await files.read('index.json', maxJsonBytes), `${files.where}/index.json`).manifests ?? []).filter((d) => d && typeof d.digest === 'string');
    return entries;
  };
  const blob = async (digest: string, maxBytes: number): Promise<Buffer> => {
    const data = await files.read(blobPath(digest), maxBytes);
    verifyDigest(data, digest, `blob ${digest} in ${files.where}`);
    return data;
  };
  const byDigest = async (digest: string) => ({ manifest: parseJsonObject<ArtifactManifest>(await blob(digest, maxJsonBytes), `manifest ${digest}`), digest });
  return {
    index,
    async manifest(reference) {
      if (reference.includes(':') && /^sha(256|512):/.test(reference)) return byDigest(reference);
      const desc = (await index()).find((d) => d.annotations?.[REF_NAME] === reference);
      return desc ? byDigest(desc.digest) : undefined;
    },
    blob,
    async referrers(digest) {
      const found: ReferrerDescriptor[] = [];
      let looked = 0;
      for (const d of await index()) {
        if (d.digest === digest) continue;
        if (++looked > MAX_REFERRERS * 4) break;
        try {
          const { manifest } = await byDigest(d.digest);
          if (manifest.subject?.digest === digest) found.push({ ...d, ...(manifest.artifactType && { artifactType: manifest.artifactType }) });
        } catch {
          // Not a readable manifest: not a referrer.
        }
      }
      return { descriptors: found, note: 'the layout\'s index.json was searched for manifests whose subject is the image' };
    },
  };
}
