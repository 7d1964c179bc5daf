/**
 * Image references in the transports users know from skopeo and podman:
 * `oci:DIR[:TAG]`, `oci-archive:FILE[:TAG]`, `docker-archive:FILE[:NAME:TAG|@INDEX]`
 * and `docker://REGISTRY/REPO[:TAG|@DIGEST]` (short names mean Docker Hub).
 */
import { parseImageReference as parseImageName } from '../../model/image-reference.js';

export type ImageReference =
  | { transport: 'oci'; path: string; tag?: string }
  | { transport: 'oci-archive'; path: string; tag?: string }
  | { transport: 'docker-archive'; path: string; name?: string; index?: number }
  | { transport: 'docker'; registry: string; repository: string; tag?: string; digest?: string };

export const DOCKER_HUB = 'docker.io';

/**
 * Parses a reference; throws a message saying what form was expected.
 *
 * @example
 * parseImageReference('docker://nginx:1.27'); // { transport: 'docker', registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }
 */
export function parseImageReference(ref: string): ImageReference {
  const colon = ref.indexOf(':');
  const transport = colon === -1 ? '' : ref.slice(0, colon);
  const rest = ref.slice(colon + 1);
  switch (transport) {
    case 'oci':
    case 'oci-archive': {
      const { path, suffix } = splitPathSuffix(rest);
      if (!path) throw new Error(`${ref}: expected ${transport}:PATH[:TAG]`);
      return suffix ? { transport, path, tag: suffix } : { transport, path };
    }
    case 'docker-archive': {
      const at = /^(.*)@(\d+)$/.exec(rest);
      if (at) return { transport, path: at[1]!, index: Number(at[2]) };
      const { path, suffix } = splitPathSuffix(rest);
      if (!path) throw new Error(`${ref}: expected docker-archive:PATH[:NAME:TAG|@INDEX]`);
      return suffix ? { transport, path, name: suffix } : { transport, path };
    }
    case 'docker':
      if (!rest.startsWith('//')) throw new Error(`${ref}: expected docker://REGISTRY/REPOSITORY[:TAG|@DIGEST]`);
      return parseDockerName(rest.slice(2));
    default:
      throw new Error(`${ref}: unknown transport; use oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE or docker://REGISTRY/REPO[:TAG]`);
  }
}

/** `registry/repo:tag@digest`, normalised as Docker does (`nginx` → `docker.io/library/nginx`). */
export function parseDockerName(name: string): Extract<ImageReference, { transport: 'docker' }> {
  // The same normalisation as image references in manifests, so `docker://nginx`
  // and `image: nginx` name one image.
  const parsed = parseImageName(name);
  if (!parsed) throw new Error(`docker://${name}: not an image reference`);
  const { registry, repository, tag, digest } = parsed;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository)) {
    throw new Error(`docker://${name}: ${JSON.stringify(repository)} is not a valid repository name`);
  }
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) throw new Error(`docker://${name}: ${JSON.stringify(tag)} is not a valid tag`);
  const out: Extract<ImageReference, { transport: 'docker' }> = { transport: 'docker', registry, repository };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  if (tag === undefined && digest === undefined) out.tag = 'latest';
  return out;
}

/** The image's name as a registry reference (`registry/repo:tag`), for registry rules. */
export function registryName(ref: Extract<ImageReference, { transport: 'docker' }>): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** `PATH:SUFFIX` where PATH may itself hold no colon after its last slash. */
function splitPathSuffix(rest: string): { path: string; suffix?: string } {
  const slash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', slash + 1);
  if (colon === -1) return { path: rest };
  return { path: rest.slice(0, colon), suffix: rest.slice(colon + 1) };
}
