/**
 * Inventory → advisories: for each installed package, the advisories published
 * for the image's distribution release that name its source package (Debian and
 * Alpine publish by source package; RPM distributions by binary package name, so
 * both names are asked there), kept when the installed version is in an
 * `ECOSYSTEM` range. No fix in the release means "unfixed", still reported.
 */
import type { OsPackage } from '../model/image-spec.js';
import type { PackageVulnerability } from '../model/vulnerability.js';
import { affectedBy } from './affected-range.js';
import { severityOf } from './advisory-severity.js';
import { COMPARATORS } from './compare-version.js';
import { familyOf, imageReleaseKey, releaseKey, type OsRelease } from './ecosystem.js';
import { aliasesOf, type OsvRecord } from './osv.js';

/** Where advisories come from: the local database, or records held in memory. */
export interface AdvisoryLookup {
  /** Records with an `affected` entry for `name` in the release `key` (`Debian:12`). */
  lookup(key: string, name: string): readonly OsvRecord[];
}

export interface Inventory {
  os?: OsRelease;
  packages: readonly OsPackage[];
}

/** The names an advisory may give a package: its source package first. */
function namesOf(pkg: OsPackage): string[] {
  const names = [pkg.sourceName ?? pkg.name];
  if (pkg.type === 'rpm' && pkg.sourceName && pkg.sourceName !== pkg.name) names.push(pkg.name);
  return names;
}

/** Debian's fixed versions are source versions: a binNMU (`+b2`) is compared by its source version. */
function versionFor(pkg: OsPackage, name: string): string {
  return pkg.type !== 'rpm' || name === pkg.sourceName ? (pkg.sourceVersion ?? pkg.version) : pkg.version;
}

/**
 * Every (package, advisory) pair where the package is affected.
 *
 * @example
 * const vulns = matchInventory({ os: { id: 'debian', versionId: '12' }, packages }, index);
 */
export function matchInventory(inventory: Inventory, advisories: AdvisoryLookup): PackageVulnerability[] {
  const key = imageReleaseKey(inventory.os);
  if (!key) return [];
  const out: PackageVulnerability[] = [];
  inventory.packages.forEach((pkg, packageIndex) => {
    const compare = COMPARATORS[pkg.type];
    const seen = new Set<string>();
    for (const name of namesOf(pkg)) {
      const version = versionFor(pkg, name);
      for (const record of advisories.lookup(key, name)) {
        if (record.withdrawn || seen.has(record.id)) continue;
        const hit = matchRecord(record, key, pkg.type, name, version, compare);
        if (!hit) continue;
        seen.add(record.id);
        out.push({ ...hit, packageIndex, installedVersion: version });
      }
    }
  });
  return out;
}

function matchRecord(record: OsvRecord, key: string, family: OsPackage['type'], name: string, version: string, compare: (a: string, b: string) => number): Omit<PackageVulnerability, 'packageIndex' | 'installedVersion'> | undefined {
  let found: Omit<PackageVulnerability, 'packageIndex' | 'installedVersion'> | undefined;
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (!pkg || pkg.name !== name || familyOf(pkg.ecosystem) !== family || releaseKey(pkg.ecosystem) !== key) continue;
    const verdict = affectedBy(version, affected, compare);
    if (!verdict) continue;
    if (found && found.fixedVersion === undefined) continue;
    if (found && verdict.fixed !== undefined && compare(verdict.fixed, found.fixedVersion!) >= 0) continue;
    const severity = severityOf(record, affected);
    const url = record.references?.find((r) => r.type === 'ADVISORY')?.url ?? record.references?.[0]?.url;
    found = {
      advisoryId: record.id,
      aliases: aliasesOf(record),
      ecosystem: pkg.ecosystem,
      advisoryPackage: name,
      ...(record.summary && { summary: record.summary }),
      ...(verdict.fixed !== undefined && { fixedVersion: verdict.fixed }),
      ...(severity && { severity: severity.severity, severitySource: severity.source }),
      ...(url && { url }),
    };
    if (verdict.fixed === undefined) break;
  }
  return found;
}

/**
 * Advisories held in memory, indexed by release and package name: for imports,
 * tests, and callers (Harbor's adapter) that bring their own records.
 */
export class AdvisoryIndex implements AdvisoryLookup {
  private readonly byKey = new Map<string, OsvRecord[]>();
  size = 0;

  add(record: OsvRecord): void {
    this.size++;
    const keys = new Set<string>();
    for (const a of record.affected ?? []) {
      const key = a.package && releaseKey(a.package.ecosystem);
      if (key) keys.add(`${key}\u0000${a.package!.name}`);
    }
    for (const k of keys) {
      const list = this.byKey.get(k);
      if (list) list.push(record);
      else this.byKey.set(k, [record]);
    }
  }

  lookup(key: string, name: string): readonly OsvRecord[] {
    return this.byKey.get(`${key}\u0000${name}`) ?? [];
  }
}
