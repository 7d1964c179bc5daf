/**
 * Image → inventory → vulnerabilities, usable outside the CLI (Harbor's adapter,
 * other tools): the image's packages and OS release, matched against an advisory
 * source, with `--ignore-unfixed` and VEX applied. The `vulnerable-package` rule
 * reports what this leaves on `image.vulnerabilities`.
 */
import { imageReleaseKey } from '../advisories/ecosystem.js';
import { matchInventory, type AdvisoryLookup } from '../advisories/match-inventory.js';
import { clearingStatement, type VexStatement } from '../advisories/vex.js';
import type { ScanError } from '../model/finding.js';
import type { ImageSpec } from '../model/image-spec.js';
import { packageUrl } from '../model/package-url.js';
import type { PackageVulnerability } from '../model/vulnerability.js';
import { inspectImage, type AnalyzeImageOptions } from '../sources/image/analyze-image.js';

export interface VulnerabilityOptions {
  advisories: AdvisoryLookup;
  /** Leave out advisories the release has no fix for. */
  ignoreUnfixed?: boolean;
  /** VEX statements; a not-affected one removes the pair. */
  vex?: readonly VexStatement[];
}

export interface VexCleared {
  advisoryId: string;
  package: string;
  status: string;
  justification?: string;
  source: string;
}

/**
 * Matches an analysed image's inventory and stores the result on it.
 *
 * @example
 * const { vulnerabilities } = findVulnerabilities(image, { advisories: AdvisoryDatabase.open(dir) });
 */
export function findVulnerabilities(image: ImageSpec, options: VulnerabilityOptions): { vulnerabilities: PackageVulnerability[]; vexCleared: VexCleared[] } {
  const all = matchInventory({ ...(image.os && { os: image.os }), packages: image.packages }, options.advisories);
  const vexCleared: VexCleared[] = [];
  const names = [image.ref, ...(image.manifestDigest ? [image.manifestDigest] : [])];
  const vulnerabilities = all.filter((v) => {
    if (options.ignoreUnfixed && v.fixedVersion === undefined) return false;
    if (!options.vex?.length) return true;
    const pkg = image.packages[v.packageIndex]!;
    const s = clearingStatement(options.vex, [v.advisoryId, ...v.aliases], packageUrl(pkg, image.os), names);
    if (!s) return true;
    vexCleared.push({ advisoryId: v.advisoryId, package: pkg.name, status: s.status, source: s.source, ...(s.justification && { justification: s.justification }) });
    return false;
  });
  image.vulnerabilities = vulnerabilities;
  return { vulnerabilities, vexCleared };
}

/**
 * Reads an image and returns its inventory and vulnerabilities in one call.
 *
 * @example
 * const { image, vulnerabilities } = await scanImageVulnerabilities('oci-archive:app.tar', { advisories: db });
 */
export async function scanImageVulnerabilities(
  ref: string,
  options: VulnerabilityOptions & AnalyzeImageOptions,
): Promise<{ image?: ImageSpec; vulnerabilities: PackageVulnerability[]; vexCleared: VexCleared[]; errors: ScanError[] }> {
  const inspection = await inspectImage(ref, options);
  if (!inspection.image) return { vulnerabilities: [], vexCleared: [], errors: inspection.errors };
  const errors = [...inspection.errors, ...inventoryErrors(inspection.image)];
  return { image: inspection.image, ...findVulnerabilities(inspection.image, options), errors };
}

/** What makes a vulnerability scan of this image incomplete, as errors naming the image. */
export function inventoryErrors(image: ImageSpec): ScanError[] {
  const out: ScanError[] = (image.inventoryGaps ?? []).map((g) => ({ file: image.ref, line: 1, column: 1, message: `package inventory incomplete: ${g}`, code: 'image-inventory' }));
  if (image.packages.length && !image.os) out.push({ file: image.ref, line: 1, column: 1, message: 'no /etc/os-release (or alpine-release): the distribution release is unknown, so its packages were not matched against advisories', code: 'image-inventory' });
  else if (image.packages.length && image.os && !imageReleaseKey(image.os)) {
    const os = [image.os.id, image.os.versionId].filter(Boolean).join(' ');
    out.push({ file: image.ref, line: 1, column: 1, message: `${os}: no OSV ecosystem and release seaworthy can map it to (Debian, Ubuntu, Alpine, Red Hat, Rocky Linux, AlmaLinux… with a VERSION_ID), so its packages were not matched against advisories`, code: 'image-inventory' });
  }
  return out;
}
