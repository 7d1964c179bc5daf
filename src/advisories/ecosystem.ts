/**
 * OSV ecosystem names of OS distributions, and the release an image runs.
 * Matching is only ever within one distribution release (`Debian:12`,
 * `Alpine:v3.20`): never by CPE, never by a package name in another ecosystem,
 * which is where scanners' false positives come from.
 */
import type { PackageFamily } from './compare-version.js';

/** What the image says about itself: os-release ID/VERSION_ID, Alpine's alpine-release. */
export interface OsRelease {
  id: string;
  versionId?: string;
  /** ID_LIKE words (`rhel centos fedora`). */
  idLike?: string[];
}

interface Distribution {
  /** The OSV ecosystem's name before the first `:`. */
  osv: string;
  family: PackageFamily;
  /** The release as OSV writes it, from VERSION_ID. */
  release(versionId: string): string | undefined;
}

const majorMinor = (v: string): string | undefined => /^(\d+\.\d+)/.exec(v)?.[1];
const major = (v: string): string | undefined => /^(\d+)/.exec(v)?.[1];

const DISTRIBUTIONS: Record<string, Distribution> = {
  debian: { osv: 'Debian', family: 'deb', release: major },
  ubuntu: { osv: 'Ubuntu', family: 'deb', release: majorMinor },
  alpine: { osv: 'Alpine', family: 'apk', release: (v) => (majorMinor(v) ? `v${majorMinor(v)}` : undefined) },
  rocky: { osv: 'Rocky Linux', family: 'rpm', release: major },
  almalinux: { osv: 'AlmaLinux', family: 'rpm', release: major },
  rhel: { osv: 'Red Hat', family: 'rpm', release: major },
  opensuse: { osv: 'openSUSE', family: 'rpm', release: (v) => v },
  'opensuse-leap': { osv: 'openSUSE', family: 'rpm', release: (v) => `Leap ${v}` },
  sles: { osv: 'SUSE', family: 'rpm', release: (v) => v },
  photon: { osv: 'Photon OS', family: 'rpm', release: majorMinor },
  mariner: { osv: 'Mariner', family: 'rpm', release: majorMinor },
  azurelinux: { osv: 'Azure Linux', family: 'rpm', release: majorMinor },
  wolfi: { osv: 'Wolfi', family: 'apk', release: () => '' },
  chainguard: { osv: 'Chainguard', family: 'apk', release: () => '' },
};

/**
 * The one key both sides of a match are reduced to: `Debian:12`, `Alpine:v3.20`,
 * `Red Hat:9`, `Ubuntu:22.04`. OSV ecosystems carry qualifiers the key drops:
 * Ubuntu's `:LTS`/`Pro:`, Red Hat's `enterprise_linux:9::appstream` stream names.
 *
 * @example
 * releaseKey('Red Hat:enterprise_linux:9::baseos') // 'Red Hat:9'
 */
export function releaseKey(ecosystem: string): string | undefined {
  // Called for every affected entry of every candidate record: memoised.
  if (releaseKeys.has(ecosystem)) return releaseKeys.get(ecosystem);
  const key = computeReleaseKey(ecosystem);
  if (releaseKeys.size < 10_000) releaseKeys.set(ecosystem, key);
  return key;
}

const releaseKeys = new Map<string, string | undefined>();
const OSV_NAMES = new Map(Object.values(DISTRIBUTIONS).map((d) => [d.osv, d.family]));

function computeReleaseKey(ecosystem: string): string | undefined {
  const colon = ecosystem.indexOf(':');
  const name = colon < 0 ? ecosystem : ecosystem.slice(0, colon);
  const rest = colon < 0 ? '' : ecosystem.slice(colon + 1);
  if (!OSV_NAMES.has(name)) return undefined;
  if (name === 'Red Hat') {
    const m = /^(?:enterprise_linux|rhel_[a-z]+):(\d+)/.exec(rest);
    return m ? `Red Hat:${m[1]}` : undefined;
  }
  if (name === 'Ubuntu') {
    const m = /(\d+\.\d+)/.exec(rest);
    return m ? `Ubuntu:${m[1]}` : undefined;
  }
  return rest ? `${name}:${rest}` : name;
}

/** The package family of an OSV ecosystem (`deb` for `Debian:12`), if it is an OS one. */
export function familyOf(ecosystem: string): PackageFamily | undefined {
  const colon = ecosystem.indexOf(':');
  return OSV_NAMES.get(colon < 0 ? ecosystem : ecosystem.slice(0, colon));
}

/**
 * The release key of an image's OS, or undefined when the OS is unknown to OSV
 * (then nothing is matched: guessing a release would report other releases' flaws).
 *
 * @example
 * imageReleaseKey({ id: 'alpine', versionId: '3.20.3' }) // 'Alpine:v3.20'
 */
export function imageReleaseKey(os: OsRelease | undefined): string | undefined {
  if (!os) return undefined;
  const d = DISTRIBUTIONS[os.id];
  if (!d) return undefined;
  const rel = os.versionId !== undefined ? d.release(os.versionId) : d.osv === 'Wolfi' || d.osv === 'Chainguard' ? '' : undefined;
  if (rel === undefined) return undefined;
  return rel ? `${d.osv}:${rel}` : d.osv;
}

/** The OSV ecosystem an image's packages belong to, for reports (`Debian:12`). */
export const ecosystemOfImage = imageReleaseKey;
