/**
 * vulnerable-package (IMG): an installed OS package is in the affected range of
 * a published advisory for the image's distribution release. The matching is
 * done before the rules run (src/advisories, when the `vuln` scanner is on);
 * this rule turns each (package, advisory) pair into a located finding.
 */
import type { ImageSpec } from '../model/image-spec.js';
import { packageUrl } from '../model/package-url.js';
import { defineRule } from './rule.js';
import { imageResource, layerName, relatedInstruction, stepOf } from './support/image-findings.js';

export default defineRule({
  id: 'vulnerable-package',
  title: 'Installed package has a published vulnerability',
  severity: 'medium',
  inputs: ['IMG'],
  rationale:
    'Everything installed in an image ships with it: a package in the affected range of a published advisory can be exploited wherever the image runs, whether or not the application uses it.',
  remedy:
    'Rebuild on a current base image and upgrade the package (`apt-get upgrade`, `apk upgrade`, `dnf upgrade`) to the fixed version; for an unfixed advisory, remove the package if the image does not need it, or accept it with an exception naming the advisory, a reason and an expiry.',
  references: [
    { title: 'NIST SP 800-190 4.1.1: Image vulnerabilities' },
    { title: 'CIS Docker Benchmark 4.4: Ensure images are scanned and rebuilt to include security patches' },
    { title: 'OSV schema', url: 'https://ossf.github.io/osv-schema/' },
  ],
  messages: {
    fixed: '{{package}} {{installed}} is affected by {{advisory}}{{aliases}}; fixed in {{fixed}}. Installed by {{layer}}, step: {{step}}.',
    unfixed: '{{package}} {{installed}} is affected by {{advisory}}{{aliases}}; unfixed in {{ecosystem}}. Installed by {{layer}}, step: {{step}}.',
  },
  details:
    'Runs only with `seaworthy image REF --scanners vuln` (or `misconfig,secret,vuln`), against the local OSV database (`seaworthy db import|update`). ' +
    'Packages are matched by the source package the advisory names (Debian and Alpine publish by source package: `glibc` for `libc6`) within the image\'s own release (`Debian:12`, `Alpine:v3.20`) on `ECOSYSTEM` ranges, compared the way dpkg, apk or rpm order versions; never by CPE or by a name in another ecosystem. ' +
    'The severity comes from the advisory\'s CVSS vector, else the distribution\'s rating, else this rule\'s severity. `--ignore-unfixed` drops advisories without a fix; exceptions may name `advisories:` (ids or CVE aliases).',
  check(ctx) {
    for (const image of ctx.images()) {
      for (const v of image.vulnerabilities ?? []) {
        const pkg = image.packages[v.packageIndex];
        if (!pkg) continue;
        const layer = pkg.layerIndex;
        const name = pkg.sourceName && pkg.sourceName !== pkg.name ? `${pkg.name} (source ${pkg.sourceName})` : pkg.name;
        ctx.report({
          messageId: v.fixedVersion === undefined ? 'unfixed' : 'fixed',
          data: {
            package: name,
            installed: pkg.version,
            advisory: v.advisoryId,
            aliases: v.aliases.length ? ` (${v.aliases.join(', ')})` : '',
            fixed: v.fixedVersion ?? '',
            ecosystem: v.ecosystem,
            layer: layer === undefined ? 'an unknown layer' : layerName(image, layer),
            step: layer === undefined ? '(unknown)' : stepOf(image, layer),
          },
          loc: image.loc,
          resource: { ...imageResource(image, undefined, layer), path: pkg.source },
          ...(v.severity && { severity: v.severity }),
          vulnerability: findingVulnerability(image, v.packageIndex, v),
          ...(layer === undefined ? {} : relatedInstruction(image, layer)),
        });
      }
    }
  },
});

function findingVulnerability(image: ImageSpec, index: number, v: NonNullable<ImageSpec['vulnerabilities']>[number]) {
  const pkg = image.packages[index]!;
  return {
    advisoryId: v.advisoryId,
    aliases: v.aliases,
    ...(v.summary && { summary: v.summary }),
    ecosystem: v.ecosystem,
    package: pkg.name,
    sourcePackage: v.advisoryPackage,
    installedVersion: pkg.version,
    ...(v.fixedVersion !== undefined && { fixedVersion: v.fixedVersion }),
    purl: packageUrl(pkg, image.os),
    ...(v.severitySource && { severitySource: v.severitySource }),
    ...(v.url && { url: v.url }),
  };
}
