/**
 * Signature artifacts in a registry, through the guarded registry client (credentials
 * scoped to that registry, whole-request deadlines, size caps, digests verified).
 */
import { RegistryError } from '../sources/image/registry/registry-error.js';
import type { RegistryClient } from '../sources/image/registry/registry-client.js';
import { parseJsonObject } from '../sources/image/oci-types.js';
import type { ArtifactManifest, ArtifactSource, ReferrerDescriptor } from './artifact-source.js';

export function registrySource(client: RegistryClient, maxJsonBytes: number): ArtifactSource {
  return {
    async manifest(reference) {
      try {
        const got = await client.getManifest(reference, maxJsonBytes);
        return { manifest: parseJsonObject<ArtifactManifest>(got.data, `manifest ${reference}`), digest: got.digest };
      } catch (e) {
        if (e instanceof RegistryError && e.status === 404) return undefined;
        throw e;
      }
    },
    blob: (digest, maxBytes) => client.getBlob(digest, maxBytes),
    async referrers(digest) {
      let got;
      try {
        got = await client.getReferrers(digest, maxJsonBytes);
      } catch (e) {
        // The distribution spec: a registry without the API answers 404 — fall back to
        // the tag schema. 400/405 come from older servers that route the path elsewhere.
        if (e instanceof RegistryError && (e.status === 404 || e.status === 400 || e.status === 405)) return undefined;
        throw e;
      }
      let index: ArtifactManifest;
      try {
        index = parseJsonObject<ArtifactManifest>(got.data, `referrers of ${digest}`);
      } catch {
        return undefined;
      }
      if (!Array.isArray(index.manifests)) return undefined;
      return { descriptors: index.manifests as ReferrerDescriptor[] };
    },
  };
}
