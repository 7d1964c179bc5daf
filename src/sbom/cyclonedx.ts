/**
 * A CycloneDX 1.5 SBOM of the OS packages found in an image (dpkg, apk, rpm),
 * with package URLs, each package's source package, architecture and the layer
 * that installed it, and the OS release vulnerability matching is keyed on.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { ImageSpec, OsPackage } from '../model/image-spec.js';
import { imageReleaseKey } from '../advisories/ecosystem.js';
import { packageUrl } from '../model/package-url.js';

export { packageUrl };

export type SbomFormat = 'cyclonedx';


function packageProperties(pkg: OsPackage, image: ImageSpec): Array<{ name: string; value: string }> {
  const props = [{ name: 'seaworthy:package-database', value: pkg.source }];
  if (pkg.sourceName) props.push({ name: 'seaworthy:source-package', value: pkg.sourceName });
  if (pkg.sourceVersion) props.push({ name: 'seaworthy:source-version', value: pkg.sourceVersion });
  if (pkg.arch) props.push({ name: 'seaworthy:architecture', value: pkg.arch });
  const layer = pkg.layerIndex === undefined ? undefined : image.layers[pkg.layerIndex];
  if (layer) {
    props.push({ name: 'seaworthy:layer-index', value: String(layer.index) });
    props.push({ name: 'seaworthy:layer-digest', value: layer.diffId ?? layer.digest });
  }
  return props;
}

/**
 * The SBOM as a JSON-ready object.
 *
 * @example
 * const bom = formatCycloneDx(model.images[0]);
 */
export function formatCycloneDx(image: ImageSpec, now = new Date()): Record<string, unknown> {
  const seen = new Set<string>();
  const components = [];
  for (const pkg of image.packages) {
    const purl = packageUrl(pkg, image.os);
    if (seen.has(purl)) continue;
    seen.add(purl);
    components.push({
      type: 'library',
      'bom-ref': purl,
      name: pkg.name,
      version: pkg.version,
      purl,
      properties: packageProperties(pkg, image),
    });
  }
  const subject: Record<string, unknown> = { type: 'container', 'bom-ref': image.ref, name: image.ref };
  if (image.manifestDigest) subject['hashes'] = [{ alg: 'SHA-256', content: image.manifestDigest.replace(/^sha256:/, '') }];
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      tools: { components: [{ type: 'application', name: 'seaworthy' }] },
      component: subject,
      ...(image.os ? { properties: osProperties(image.os) } : {}),
    },
    components,
    dependencies: [{ ref: image.ref, dependsOn: components.map((c) => c['bom-ref']) }],
  };
}

function osProperties(os: NonNullable<ImageSpec['os']>): Array<{ name: string; value: string }> {
  const props = [{ name: 'seaworthy:os', value: [os.id, os.versionId].filter(Boolean).join(' ') }];
  const ecosystem = imageReleaseKey(os);
  if (ecosystem) props.push({ name: 'seaworthy:osv-ecosystem', value: ecosystem });
  return props;
}

/** Writes the SBOM of `image` to a file, or to stdout when `path` is `-`. */
export async function writeSbom(image: ImageSpec, path: string, format: SbomFormat = 'cyclonedx'): Promise<void> {
  if (format !== 'cyclonedx') throw new Error(`unknown SBOM format ${JSON.stringify(format)}; supported: cyclonedx`);
  const text = JSON.stringify(formatCycloneDx(image), null, 2) + '\n';
  if (path === '-') process.stdout.write(text);
  else await writeFile(path, text);
}
