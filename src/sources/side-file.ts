/**
 * Files a source reads because another file names them: Compose `env_file`,
 * `extends.file` and override files, `.env`, `--env-file`, Quadlet
 * `EnvironmentFile=` and `Yaml=`. Each is read once and added to `model.files`, so
 * findings located in it can show its text and honour its suppressions.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { warn, type ScanModel } from '../model/scan-model.js';
import type { Location } from '../model/location.js';
import { outsideBoundary } from '../scan/scan-boundary.js';
import { sourceFile, type SourceFile } from './source-file.js';

/** Side files larger than this are not read (an env file is a few lines). */
const MAX_SIDE_FILE = 4 * 1024 * 1024;

/** The path of `target` as seen from the directory of `from` (kept relative when both are). */
export function besideFile(from: string, target: string): string {
  if (isAbsolute(target)) return target;
  const dir = dirname(from);
  return dir === '.' ? target : join(dir, target);
}

/**
 * Reads a file named by `from`, relative to `from`'s directory, or returns
 * undefined when it does not exist, cannot be read, or lies outside the scan's
 * boundary (then with a warning naming the reference). Never throws.
 *
 * @example
 * readSideFile(model, 'app/compose.yaml', '.env')?.path; // 'app/.env'
 */
export function readSideFile(model: ScanModel, from: string, target: string, at?: Location): SourceFile | undefined {
  if (from === '<stdin>' || from.startsWith('<')) return undefined;
  const path = besideFile(from, target);
  const known = model.files.get(path);
  if (known && !known.dropped) return known;
  const outside = outsideBoundary(path, model.boundary);
  if (outside !== undefined) {
    warnOutside(model, at ?? { file: from }, target, outside);
    return undefined;
  }
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats?.isFile() || stats.size > MAX_SIDE_FILE) return undefined;
    const file = sourceFile(path, readFileSync(path, 'utf8'));
    model.files.set(path, file);
    return file;
  } catch {
    return undefined;
  }
}

const refused = new WeakMap<ScanModel, Set<string>>();

/** One warning per file and reference, however many services name it. */
function warnOutside(model: ScanModel, at: Location | { file: string }, target: string, real: string): void {
  const seen = refused.get(model) ?? new Set<string>();
  refused.set(model, seen);
  const key = `${at.file}\0${target}`;
  if (seen.has(key)) return;
  seen.add(key);
  warn(model, at, `${target} resolves to ${real}, outside the scanned tree: not read (scan a folder that holds it, or pass --follow-outside)`, 'outside-tree');
}

/**
 * True when `readSideFile` refused this reference for lying outside the tree: the
 * warning already said so, so the caller adds no "cannot read" error of its own.
 */
export function refusedOutside(model: ScanModel, from: string, target: string): boolean {
  return outsideBoundary(besideFile(from, target), model.boundary) !== undefined;
}

/** Whether a file beside `from` exists (without reading it). */
export function sideFileExists(from: string, target: string): boolean {
  if (from.startsWith('<')) return false;
  try {
    return statSync(besideFile(from, target)).isFile();
  } catch {
    return false;
  }
}
