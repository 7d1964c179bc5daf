/**
 * Package URLs (purl-spec) of OS packages, shared by the SBOM and by findings.
 */
import type { ImageSpec, OsPackage } from './image-spec.js';

/** The purl of an OS package (`pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12`). */
export function packageUrl(pkg: OsPackage, os: ImageSpec['os']): string {
  const namespace = os?.id ?? (pkg.type === 'apk' ? 'alpine' : pkg.type === 'deb' ? 'debian' : 'redhat');
  const qualifiers: string[] = [];
  if (pkg.arch) qualifiers.push(`arch=${encodeURIComponent(pkg.arch)}`);
  if (os) qualifiers.push(`distro=${encodeURIComponent(os.versionId ? `${os.id}-${os.versionId}` : os.id)}`);
  return `pkg:${pkg.type}/${encodeURIComponent(namespace)}/${encodeURIComponent(pkg.name)}@${encodeURIComponent(pkg.version)}${qualifiers.length ? `?${qualifiers.join('&')}` : ''}`;
}
