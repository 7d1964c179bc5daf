/**
 * OS package databases read from a layer: dpkg `status` (and distroless
 * `status.d/*`), apk `installed`, rpm's `rpmdb.sqlite` (see rpm-database.ts),
 * and os-release / alpine-release / apk repositories for the distribution release.
 */
import type { OsPackage } from '../../model/image-spec.js';
import { isRpmDatabasePath, parseRpmSqlite } from './rpm-database.js';

export interface InventoryFacts {
  packages?: OsPackage[];
  os?: { id: string; versionId?: string };
  /** Alpine's release from /etc/alpine-release (`3.20.3`) or the branch its repositories name (`3.20`). */
  alpineRelease?: string;
  /** Why a package database could not be read (named in the scan's errors). */
  error?: string;
}

/** dpkg status paragraphs with `Status: install ok installed` (status.d entries have no Status). */
export function parseDpkgStatus(text: string, source: string): OsPackage[] {
  const out: OsPackage[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const fields = fieldsOf(para, ':');
    const name = fields.get('Package');
    const version = fields.get('Version');
    const status = fields.get('Status');
    if (!name || !version) continue;
    if (status !== undefined && !/\binstalled$/.test(status)) continue;
    const pkg: OsPackage = { type: 'deb', name, version, source };
    const arch = fields.get('Architecture');
    if (arch) pkg.arch = arch;
    // `Source: glibc` or `Source: bash (5.2.15-2)` when the binary was rebuilt (binNMU `+b13`).
    const from = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(fields.get('Source') ?? '');
    if (from) {
      pkg.sourceName = from[1]!;
      if (from[2] && from[2] !== version) pkg.sourceVersion = from[2];
    }
    out.push(pkg);
  }
  return out;
}

/** apk `installed`: `P:` name, `V:` version, `A:` arch, blank line between packages. */
export function parseApkInstalled(text: string, source: string): OsPackage[] {
  const out: OsPackage[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const fields = fieldsOf(para, ':', true);
    const name = fields.get('P');
    const version = fields.get('V');
    if (!name || !version) continue;
    const pkg: OsPackage = { type: 'apk', name, version, source };
    const arch = fields.get('A');
    if (arch) pkg.arch = arch;
    // `o:` is the origin (the APKBUILD's pkgname), which Alpine's advisories name.
    const origin = fields.get('o');
    if (origin) pkg.sourceName = origin;
    out.push(pkg);
  }
  return out;
}

export function parseOsRelease(text: string): { id: string; versionId?: string } | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) fields.set(m[1]!, m[2]!.replace(/^["']|["']$/g, ''));
  }
  const id = fields.get('ID');
  if (!id) return undefined;
  const versionId = fields.get('VERSION_ID');
  return versionId ? { id, versionId } : { id };
}

/** `/etc/apk/repositories` names the branch: `…/alpine/v3.20/main`. */
export function alpineBranchOf(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = /^[^#]*\/v(\d+\.\d+)\/[a-z]+\/?\s*$/.exec(line.trim());
    if (m) return m[1];
  }
  return undefined;
}

/** Parses an inventory file by its path (`bytes` for the binary rpm database). */
export async function parseInventory(path: string, bytes: Buffer): Promise<InventoryFacts> {
  if (isRpmDatabasePath(path)) {
    try {
      return { packages: await parseRpmSqlite(bytes, path) };
    } catch (e) {
      return { error: `${path}: cannot read the rpm database: ${(e as Error).message}` };
    }
  }
  const text = bytes.toString('utf8');
  if (path.endsWith('os-release')) {
    const os = parseOsRelease(text);
    return os ? { os } : {};
  }
  if (path === '/etc/alpine-release') {
    const release = /^\s*(\d+\.\d+[^\s]*)/.exec(text)?.[1];
    return release ? { alpineRelease: release } : {};
  }
  if (path === '/etc/apk/repositories') {
    const branch = alpineBranchOf(text);
    return branch ? { alpineRelease: branch } : {};
  }
  if (path === '/lib/apk/db/installed') return { packages: parseApkInstalled(text, path) };
  return { packages: parseDpkgStatus(text, path) };
}

function fieldsOf(para: string, sep: string, noSpace = false): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of para.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const at = line.indexOf(sep);
    if (at <= 0) continue;
    fields.set(line.slice(0, at), (noSpace ? line.slice(at + 1) : line.slice(at + 1).trim()).trim());
  }
  return fields;
}
