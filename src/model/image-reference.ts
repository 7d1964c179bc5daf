/**
 * Image reference parsing and normalisation, as the container tools do it:
 * `nginx` is `docker.io/library/nginx`, a first component with a dot or colon (or
 * `localhost`) is a registry.
 */
import type { ContainerSpec } from './container-spec.js';
import type { Located } from './location.js';

export interface ImageReference {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** `registry/repository[:tag][@digest]` with Docker Hub defaults filled in. */
  normalized: string;
}

/**
 * Parses an image reference; undefined when it is not one (empty, spaces, a variable).
 *
 * @example
 * parseImageReference('nginx:1.27').normalized; // 'docker.io/library/nginx:1.27'
 */
export function parseImageReference(ref: string): ImageReference | undefined {
  const text = ref.trim();
  if (!text || /\s|\$/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!rest) return undefined;
  const parts = rest.split('/');
  let registry = 'docker.io';
  const first = parts[0]!;
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first === 'index.docker.io' || first === 'registry-1.docker.io' ? 'docker.io' : first;
    parts.shift();
  }
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  const normalized = `${registry}/${repository}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  const out: ImageReference = { registry, repository, normalized };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

/**
 * Kubernetes' default pull policy: `Always` for the tag `latest` (with or without a
 * digest) or no tag and no digest, `IfNotPresent` otherwise. The written value wins.
 */
export function effectiveImagePullPolicy(container: ContainerSpec): Located<string> | undefined {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  if (!container.image || container.image.dynamic) return undefined;
  const ref = parseImageReference(container.image.value);
  if (!ref) return undefined;
  // Kubernetes (core/v1 SetDefaults_Container) decides by the tag alone, as ParseImageName
  // gives it: `latest`, or no tag and no digest, is Always; `x:latest@sha256:…` too.
  const value = ref.tag === 'latest' || (ref.tag === undefined && !ref.digest) ? 'Always' : 'IfNotPresent';
  return { value, loc: container.image.loc };
}
