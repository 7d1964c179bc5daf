/**
 * Matching image references against configured trusted registries, after the
 * same normalisation the container tools apply (`nginx` is
 * `docker.io/library/nginx`), so `docker.io/library` trusts official images and
 * `registry.example.com` trusts everything it serves.
 */
import { parseImageReference, type ImageReference } from '../../model/image-reference.js';

/**
 * `scratch` is no image at all: nothing is pulled.
 *
 * @example
 * isScratch('SCRATCH'); // true
 */
export function isScratch(ref: string): boolean {
  return ref.trim().toLowerCase() === 'scratch';
}

/**
 * Normalises a configured prefix: lower-case host, Docker Hub aliases folded.
 *
 * @example
 * normalizeRegistryPrefix('https://Index.Docker.io/library/'); // 'docker.io/library'
 */
export function normalizeRegistryPrefix(prefix: string): string {
  let p = prefix.trim().replace(/^[a-z]+:\/\//i, '');
  const slash = p.indexOf('/');
  const host = (slash === -1 ? p : p.slice(0, slash)).toLowerCase();
  const rest = slash === -1 ? '' : p.slice(slash);
  const folded = host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
  p = folded + rest;
  return p.replace(/\/+$/, '');
}

/**
 * True when `ref` falls under one of the trusted prefixes. A prefix matches whole
 * path components only: `registry.example.com` does not trust
 * `registry.example.com.evil.io/app`, and `ghcr.io/acme` does not trust `ghcr.io/acmeevil`.
 *
 * @example
 * isTrusted(parseImageReference('nginx:1')!, ['docker.io/library']); // true
 */
export function isTrusted(ref: ImageReference, trusted: readonly string[]): boolean {
  const name = `${ref.registry.toLowerCase()}/${ref.repository}`;
  return trusted.some((t) => {
    const prefix = normalizeRegistryPrefix(t);
    if (!prefix) return false;
    return name === prefix || name.startsWith(`${prefix}/`);
  });
}

/**
 * Parses a written reference, or undefined for a variable, `scratch` or garbage.
 *
 * @example
 * parseRealImage('nginx')?.normalized; // 'docker.io/library/nginx'
 */
export function parseRealImage(ref: string): ImageReference | undefined {
  if (isScratch(ref)) return undefined;
  return parseImageReference(ref);
}
