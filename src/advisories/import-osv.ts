/**
 * Reads OSV records from what a user points `seaworthy db import` at: single
 * JSON files, directories of them (recursively), and the per-ecosystem
 * `all.zip` archives OSV publishes (a flat zip of `<ID>.json`, read with fflate).
 * A file that is not an OSV record is named in the problems and skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { asOsvRecord } from './osv.js';
import type { RecordSet, DbSource } from './advisory-db.js';

export interface ImportResult {
  sources: DbSource[];
  problems: string[];
}

/** Adds every record under `paths` to `set`. */
export function importPaths(paths: readonly string[], set: RecordSet): ImportResult {
  const result: ImportResult = { sources: [], problems: [] };
  for (const path of paths) {
    const source: DbSource = { name: path, records: 0 };
    result.sources.push(source);
    let stat;
    try {
      stat = statSync(path);
    } catch (e) {
      result.problems.push(`${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    if (stat.isDirectory()) walk(path, set, source, result.problems);
    else if (path.endsWith('.zip')) source.records += importZip(readFileSync(path), path, set, result.problems);
    else source.records += importJson(readFileSync(path), path, set, result.problems);
  }
  return result;
}

function walk(dir: string, set: RecordSet, source: DbSource, problems: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, set, source, problems);
    else if (entry.isFile() && entry.name.endsWith('.json')) source.records += importJson(readFileSync(p), p, set, problems);
    else if (entry.isFile() && entry.name.endsWith('.zip')) source.records += importZip(readFileSync(p), p, set, problems);
  }
}

/** One JSON file: a record, or a list of records. Returns how many OS-package records were kept. */
export function importJson(bytes: Uint8Array, name: string, set: RecordSet, problems: string[]): number {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (e) {
    problems.push(`${name}: not JSON (${(e as Error).message})`);
    return 0;
  }
  let kept = 0;
  for (const item of Array.isArray(value) ? value : [value]) {
    const record = asOsvRecord(item);
    if (typeof record === 'string') problems.push(`${name}: not an OSV record: ${record}`);
    else if (set.add(record)) kept++;
  }
  return kept;
}

/** An OSV `all.zip`: every `.json` member is a record. Throws when the archive itself is broken. */
export function importZip(bytes: Uint8Array, name: string, set: RecordSet, problems: string[]): number {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
  } catch (e) {
    throw new Error(`${name}: not a readable zip archive (${(e as Error).message})`);
  }
  let kept = 0;
  for (const member of Object.keys(files).sort()) kept += importJson(files[member]!, `${name}!${member}`, set, problems);
  return kept;
}
