/**
 * The local advisory database: a directory holding one generation of
 *   records.jsonl  one compact OSV record per line (OS-package entries only),
 *   index.tsv      `release|package<TAB>offset,length,…` lines sorted by key, into
 *                  records.jsonl: read as one string and binary-searched, so opening
 *                  costs no parse whatever the database's size,
 *   meta.json      format, build time, sources and counts,
 * reached through the `current` symlink, which a rebuild replaces atomically
 * (rename of a new symlink over the old), so a scan never sees half a database.
 * Chosen over SQLite by measurement (README, "Vulnerability database"): no native
 * module to compile, smaller on disk, and lookups cost one positioned read.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync, readlinkSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { familyOf, releaseKey } from './ecosystem.js';
import type { AdvisoryLookup } from './match-inventory.js';
import type { OsvAffected, OsvRecord } from './osv.js';

export const DB_FORMAT = 1;

export interface DbSource {
  /** A path or URL the records came from. */
  name: string;
  records: number;
  /** For downloads: the archive's digest and HTTP validators. */
  sha256?: string;
  etag?: string;
  lastModified?: string;
}

export interface DbMeta {
  format: number;
  /** When this generation was built (ISO 8601). */
  built: string;
  records: number;
  keys: number;
  /** Records per OSV ecosystem name (`Debian`, `Alpine`). */
  ecosystems: Record<string, number>;
  sources: DbSource[];
}

/**
 * `--db DIR`, else $SEAWORTHY_DB, else $XDG_CACHE_HOME/seaworthy/db (~/.cache/seaworthy/db).
 *
 * @example
 * const dir = databaseDir(values.db);
 */
export function databaseDir(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (option) return option;
  if (env['SEAWORTHY_DB']) return env['SEAWORTHY_DB'];
  const cache = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(cache, 'seaworthy', 'db');
}

const KEEP_SPECIFIC = ['urgency', 'severity', 'priority'];

function pick(obj: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!obj) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of KEEP_SPECIFIC) if (typeof obj[k] === 'string') out[k] = obj[k];
  return Object.keys(out).length ? out : undefined;
}

/** What matching and reports read of a record; the rest (details, credits) stays upstream. */
export function compactRecord(r: OsvRecord): OsvRecord | undefined {
  const affected: OsvAffected[] = [];
  for (const a of r.affected ?? []) {
    if (!a.package || !familyOf(a.package.ecosystem) || !releaseKey(a.package.ecosystem)) continue;
    const entry: OsvAffected = { package: { ecosystem: a.package.ecosystem, name: a.package.name } };
    const ranges = a.ranges?.filter((x) => x.type === 'ECOSYSTEM');
    if (ranges?.length) entry.ranges = ranges;
    if (a.versions?.length) entry.versions = a.versions;
    if (a.severity?.length) entry.severity = a.severity;
    const es = pick(a.ecosystem_specific);
    if (es) entry.ecosystem_specific = es;
    const ds = pick(a.database_specific);
    if (ds) entry.database_specific = ds;
    affected.push(entry);
  }
  if (!affected.length) return undefined;
  const out: OsvRecord = { id: r.id, modified: r.modified, affected };
  if (r.withdrawn) out.withdrawn = r.withdrawn;
  if (r.aliases?.length) out.aliases = r.aliases;
  if (r.upstream?.length) out.upstream = r.upstream;
  if (r.summary) out.summary = r.summary;
  if (r.severity?.length) out.severity = r.severity;
  const ref = r.references?.find((x) => x.type === 'ADVISORY') ?? r.references?.[0];
  if (ref) out.references = [ref];
  const ds = pick(r.database_specific);
  if (ds) out.database_specific = ds;
  return out;
}

/** Collects records for a build: the newest `modified` wins when an id comes twice. */
export class RecordSet {
  readonly byId = new Map<string, OsvRecord>();
  add(record: OsvRecord): boolean {
    const compact = compactRecord(record);
    if (!compact) return false;
    const old = this.byId.get(compact.id);
    if (!old || old.modified <= compact.modified) this.byId.set(compact.id, compact);
    return true;
  }
}

/**
 * Writes a new generation and swaps `current` to it; older generations are removed.
 *
 * @example
 * await writeDatabase(dir, set, [{ name: 'debian/all.zip', records: 40000 }]);
 */
export async function writeDatabase(dir: string, set: RecordSet, sources: DbSource[], now = new Date()): Promise<DbMeta> {
  mkdirSync(dir, { recursive: true });
  const gen = `gen-${now.getTime()}-${randomBytes(4).toString('hex')}`;
  const genDir = join(dir, gen);
  mkdirSync(genDir);
  const index = new Map<string, number[]>();
  const ecosystems: Record<string, number> = {};
  const out = createWriteStream(join(genDir, 'records.jsonl'));
  let offset = 0;
  // Records of the same package sit together, so one lookup is one read.
  const groupOf = (r: OsvRecord): string => [...new Set((r.affected ?? []).map((a) => a.package!.name))].sort().join(' ');
  const ids = [...set.byId.keys()].map((id) => [groupOf(set.byId.get(id)!), id] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map((x) => x[1]);
  for (const id of ids) {
    const record = set.byId.get(id)!;
    const line = Buffer.from(JSON.stringify(record) + '\n');
    const keys = new Set<string>();
    const names = new Set<string>();
    for (const a of record.affected ?? []) {
      // Index lines are tab- and newline-separated: a name holding either cannot be a key.
      if (/[\t\n|]/.test(a.package!.name)) continue;
      keys.add(indexKey(releaseKey(a.package!.ecosystem)!, a.package!.name));
      names.add(a.package!.ecosystem.split(':')[0]!);
    }
    for (const k of keys) {
      const spans = index.get(k);
      if (spans) spans.push(offset, line.length - 1);
      else index.set(k, [offset, line.length - 1]);
    }
    for (const n of names) ecosystems[n] = (ecosystems[n] ?? 0) + 1;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
    offset += line.length;
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const sorted = Object.fromEntries(Object.keys(ecosystems).sort().map((k) => [k, ecosystems[k]!]));
  const meta: DbMeta = { format: DB_FORMAT, built: now.toISOString(), records: ids.length, keys: index.size, ecosystems: sorted, sources };
  const lines = [...index.keys()].sort().map((k) => `${k}\t${index.get(k)!.join(',')}\n`);
  writeFileSync(join(genDir, 'index.tsv'), lines.join(''));
  writeFileSync(join(genDir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  const link = join(dir, `current.${randomBytes(4).toString('hex')}`);
  symlinkSync(gen, link);
  renameSync(link, join(dir, 'current'));
  for (const name of readdirSync(dir)) if (name.startsWith('gen-') && name !== gen) rmSync(join(dir, name), { recursive: true, force: true });
  return meta;
}

export class DatabaseMissingError extends Error {}

function indexKey(release: string, name: string): string {
  return `${release}|${name}`;
}

/** Binary search over the sorted `key<TAB>spans` lines of index.tsv held as one string. */
function findSpans(index: string, key: string): number[] | undefined {
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : index.lastIndexOf('\n', mid - 1) + 1;
    const tab = index.indexOf('\t', start);
    const end = index.indexOf('\n', tab);
    const k = index.slice(start, tab);
    if (k === key) return index.slice(tab + 1, end).split(',').map(Number);
    if (k < key) lo = end + 1;
    else hi = start;
  }
  return undefined;
}

/** An opened generation: lookups read only the records they need. */
export class AdvisoryDatabase implements AdvisoryLookup {
  private readonly cache = new Map<number, OsvRecord>();
  private fd: number | undefined;
  private constructor(
    readonly dir: string,
    readonly meta: DbMeta,
    private readonly index: string,
    private readonly recordsPath: string,
  ) {}

  /**
   * @example
   * const db = AdvisoryDatabase.open(databaseDir()); try { … } finally { db.close(); }
   */
  static open(dir: string): AdvisoryDatabase {
    const current = join(dir, 'current');
    if (!existsSync(join(current, 'meta.json'))) throw new DatabaseMissingError(`no advisory database in ${dir}: run 'seaworthy db import PATH…' or 'seaworthy db update' first`);
    const meta = JSON.parse(readFileSync(join(current, 'meta.json'), 'utf8')) as DbMeta;
    if (meta.format !== DB_FORMAT) throw new DatabaseMissingError(`the advisory database in ${dir} has format ${meta.format}, this seaworthy reads ${DB_FORMAT}: rebuild it with 'seaworthy db import' or 'db update'`);
    // Resolve the generation once, so a swap during the scan does not mix two generations.
    const gen = join(dir, readlinkSync(current));
    const index = readFileSync(join(gen, 'index.tsv'), 'utf8');
    return new AdvisoryDatabase(dir, meta, index, join(gen, 'records.jsonl'));
  }

  lookup(key: string, name: string): readonly OsvRecord[] {
    const spans = findSpans(this.index, indexKey(key, name));
    if (!spans) return [];
    this.fd ??= openSync(this.recordsPath, 'r');
    const out: OsvRecord[] = [];
    // One read covering every span when they lie close together (the usual case).
    let first = Infinity;
    let last = 0;
    let total = 0;
    for (let i = 0; i < spans.length; i += 2) {
      first = Math.min(first, spans[i]!);
      last = Math.max(last, spans[i]! + spans[i + 1]!);
      total += spans[i + 1]!;
    }
    const block = last - first <= 2 * total + 4096 ? Buffer.alloc(last - first) : undefined;
    if (block) readSync(this.fd, block, 0, block.length, first);
    for (let i = 0; i < spans.length; i += 2) {
      const offset = spans[i]!;
      let record = this.cache.get(offset);
      if (!record) {
        let buf: Buffer;
        if (block) buf = block.subarray(offset - first, offset - first + spans[i + 1]!);
        else {
          buf = Buffer.alloc(spans[i + 1]!);
          readSync(this.fd, buf, 0, buf.length, offset);
        }
        record = JSON.parse(buf.toString('utf8')) as OsvRecord;
        this.cache.set(offset, record);
      }
      out.push(record);
    }
    return out;
  }

  /** Age of the data in days, from the build time. */
  ageDays(now = new Date()): number {
    return (now.getTime() - Date.parse(this.meta.built)) / 86_400_000;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
