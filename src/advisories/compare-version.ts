/**
 * The version comparator of each package family, picked by OSV ecosystem.
 */
import { compareApk } from './apk-version.js';
import { compareDpkg } from './dpkg-version.js';
import { compareRpm } from './rpm-version.js';

export type PackageFamily = 'deb' | 'apk' | 'rpm';

export type VersionComparator = (a: string, b: string) => number;

export const COMPARATORS: Record<PackageFamily, VersionComparator> = { deb: compareDpkg, apk: compareApk, rpm: compareRpm };

export { compareApk, compareDpkg, compareRpm };
