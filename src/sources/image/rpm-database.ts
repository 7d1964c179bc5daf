/**
 * rpm's package database as RHEL 9, Fedora 33+, Rocky/Alma 9 and openSUSE keep it:
 * `rpmdb.sqlite` (table `Packages`, one rpm header blob per package). Read with
 * sql.js (SQLite compiled to WebAssembly, from memory: nothing is written to disk
 * and no native module is needed). The older BerkeleyDB `Packages` (RHEL ≤ 8,
 * CentOS 7) and SUSE's `Packages.db` (ndb) are not read: no maintained JavaScript
 * reader exists for either; such images report that their rpm inventory is missing.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { OsPackage } from '../../model/image-spec.js';

const SQLITE_PATHS = ['/var/lib/rpm/rpmdb.sqlite', '/usr/lib/sysimage/rpm/rpmdb.sqlite'];
const LEGACY_PATHS = ['/var/lib/rpm/Packages', '/var/lib/rpm/Packages.db', '/usr/lib/sysimage/rpm/Packages.db'];

export function isRpmDatabasePath(path: string): boolean {
  return SQLITE_PATHS.includes(path) || LEGACY_PATHS.includes(path);
}

let sqlJs: Promise<SqlJsStatic> | undefined;

const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, arch: 1022, sourceRpm: 1044 } as const;
const TYPE_INT32 = 4;
const TYPE_STRING = 6;

/**
 * The tags we need from one header blob: a count of index entries, the data
 * length, 16-byte entries (tag, type, offset, count), then the data store.
 */
export function readRpmHeader(blob: Uint8Array): Map<number, string | number> {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.byteLength < 8) throw new Error('header blob shorter than its preamble');
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  const dataStart = 8 + il * 16;
  if (il > 100_000 || dataStart + dl > blob.byteLength) throw new Error('header blob sizes do not fit the blob');
  const wanted = new Set<number>(Object.values(TAG));
  const out = new Map<number, string | number>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = view.getInt32(at);
    if (!wanted.has(tag)) continue;
    const type = view.getUint32(at + 4);
    const offset = view.getInt32(at + 8);
    if (offset < 0 || offset >= dl) continue;
    const start = dataStart + offset;
    if (type === TYPE_STRING) {
      let end = start;
      while (end < dataStart + dl && blob[end] !== 0) end++;
      out.set(tag, Buffer.from(blob.subarray(start, end)).toString('utf8'));
    } else if (type === TYPE_INT32 && start + 4 <= dataStart + dl) {
      out.set(tag, view.getInt32(start));
    }
  }
  return out;
}

/** `openssl-3.0.7-27.el9.src.rpm` → name `openssl`, EVR `3.0.7-27.el9`. */
function sourceOf(sourceRpm: string): { name: string; version: string } | undefined {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(sourceRpm);
  return m ? { name: m[1]!, version: `${m[2]}-${m[3]}` } : undefined;
}

/**
 * The installed packages of an `rpmdb.sqlite` held in memory.
 *
 * @example
 * const pkgs = await parseRpmSqlite(bytes, '/var/lib/rpm/rpmdb.sqlite');
 */
export async function parseRpmSqlite(bytes: Buffer, source: string): Promise<OsPackage[]> {
  if (!SQLITE_PATHS.includes(source)) throw new Error('BerkeleyDB and ndb rpm databases are not supported (only rpmdb.sqlite)');
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  const db = new SQL.Database(bytes);
  try {
    const out: OsPackage[] = [];
    const rows = db.exec('SELECT blob FROM Packages');
    for (const row of rows[0]?.values ?? []) {
      const blob = row[0];
      if (!(blob instanceof Uint8Array)) continue;
      const h = readRpmHeader(blob);
      const name = h.get(TAG.name);
      const version = h.get(TAG.version);
      const release = h.get(TAG.release);
      if (typeof name !== 'string' || typeof version !== 'string' || name === 'gpg-pubkey') continue;
      const epoch = h.get(TAG.epoch);
      const evr = `${typeof epoch === 'number' && epoch > 0 ? `${epoch}:` : ''}${version}${typeof release === 'string' ? `-${release}` : ''}`;
      const pkg: OsPackage = { type: 'rpm', name, version: evr, source };
      const arch = h.get(TAG.arch);
      if (typeof arch === 'string') pkg.arch = arch;
      const src = typeof h.get(TAG.sourceRpm) === 'string' ? sourceOf(h.get(TAG.sourceRpm) as string) : undefined;
      if (src) {
        pkg.sourceName = src.name;
        const srcEvr = `${typeof epoch === 'number' && epoch > 0 ? `${epoch}:` : ''}${src.version}`;
        if (srcEvr !== evr) pkg.sourceVersion = srcEvr;
      }
      out.push(pkg);
    }
    return out;
  } finally {
    db.close();
  }
}
