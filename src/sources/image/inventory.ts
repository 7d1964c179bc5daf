/**
 * OS package databases read from a layer: dpkg `status` (and distroless
 * `status.d/*`), apk `installed`, and os-release for the distro in package URLs.
 * rpm keeps its database in SQLite/BerkeleyDB, which we do not parse.
 */
import type { OsPackage } from '../../model/image-spec.js';

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

/** Parses an inventory file by its path. */
export function parseInventory(path: string, text: string): { packages?: OsPackage[]; os?: { id: string; versionId?: string } } {
  if (path.endsWith('os-release')) {
    const os = parseOsRelease(text);
    return os ? { os } : {};
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
