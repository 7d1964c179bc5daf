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
import { redactText } from '../secrets/secret-detection.js';

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
  return JSON.parse(cycloneDxText(image, now)) as Record<string, unknown>;
}

/**
 * The SBOM as pretty JSON text, through the one redactor: the image reference and
 * the package database are written by whoever built the image, and a token put in a
 * package's version or a tag must not travel on inside an SBOM. The redactor runs
 * once over the whole text (about 20× cheaper than per string for 250k packages);
 * it never touches a quote, and if it ever broke the JSON the per-string path is used.
 */
export function cycloneDxText(image: ImageSpec, now = new Date()): string {
  const bom = cycloneDx(image, now);
  const text = JSON.stringify(bom, null, 2);
  const redacted = redactText(text);
  if (redacted === text) return text;
  try {
    JSON.parse(redacted);
    return redacted;
  } catch {
    return JSON.stringify(redactStrings(bom), null, 2);
  }
}

/** Strings this short hold no credential the detector knows; skipping them keeps 250k packages cheap. */
const SHORTEST_SECRET = 8;

function cleanPackage(pkg: OsPackage): OsPackage {
  const clean = (s: string): string => (s.length < SHORTEST_SECRET ? s : redactText(s));
  const out: OsPackage = { ...pkg, name: clean(pkg.name), version: clean(pkg.version) };
  if (pkg.sourceName !== undefined) out.sourceName = clean(pkg.sourceName);
  if (pkg.sourceVersion !== undefined) out.sourceVersion = clean(pkg.sourceVersion);
  if (pkg.arch !== undefined) out.arch = clean(pkg.arch);
  return out;
}

function redactStrings(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v)]));
  return value;
}

function cycloneDx(image: ImageSpec, now: Date): Record<string, unknown> {
  const seen = new Set<string>();
  const components = [];
  for (const raw of image.packages) {
    // Redacted before the package URL percent-encodes them (`%20ghp_…` hides the token's edge from the text pass).
    const pkg = cleanPackage(raw);
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
  const text = cycloneDxText(image) + '\n';
  if (path === '-') process.stdout.write(text);
  else await writeFile(path, text);
}
