/**
 * Where a scan may read. Inputs come from strangers' pull requests: a Compose
 * `env_file: /etc/shadow`, a Quadlet `Yaml=../../../home/ci/.kube/config` or a
 * symlink in the tree pointing at `~/.ssh` must not make seaworthy read (and quote)
 * files outside what the user asked it to scan. Every file one input names, and
 * every symlink a directory walk meets, is resolved (symlinks followed) and read only
 * when it lies inside a scanned root — unless the user said `--follow-outside`.
 *
 * The boundary is a command-line choice only, never a configuration key: the
 * configuration is usually found inside the scanned repository, whose author is the
 * one the boundary protects against.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

export interface ScanBoundary {
  /** Real paths (symlinks resolved) of the directories a scan may read under. */
  roots: string[];
  /** `--follow-outside`: read what inputs name wherever it is. */
  followOutside: boolean;
}

/**
 * The roots of a scan: each directory given, the folder of each file given, and the
 * current directory for standard input.
 *
 * @example
 * scanBoundary(['k8s/', 'app/compose.yaml', '-'], false).roots; // ['/repo/k8s', '/repo/app', '/repo']
 */
export function scanBoundary(paths: readonly string[], followOutside: boolean, isDirectory: (p: string) => boolean): ScanBoundary {
  const roots = new Set<string>();
  for (const p of paths) {
    const dir = p === '-' ? process.cwd() : isDirectory(p) ? p : dirname(p);
    roots.add(realOrResolved(dir));
  }
  return { roots: [...roots], followOutside };
}

/** True when `path` (already real) is one of the roots or below one. */
export function insideRoots(real: string, roots: readonly string[]): boolean {
  return roots.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));
}

/**
 * Whether a boundary lets a file be read; `undefined` when it may, else the real
 * path it resolves to (for the warning). A file that does not exist yet resolves
 * through its nearest existing parent, so `../x` cannot slip past by being absent.
 */
export function outsideBoundary(path: string, boundary: ScanBoundary | undefined): string | undefined {
  if (!boundary || boundary.followOutside) return undefined;
  const real = realBesideKnownDir(path, realDirsOf(boundary));
  return insideRoots(real, boundary.roots) ? undefined : real;
}

/**
 * Real paths of the directories resolved so far in one scan. A Compose project asks
 * about `.env` and two override names beside its file: resolving each from the root
 * (`realpathSync` looks at every component, and throws for a missing file) cost more
 * than parsing the file.
 */
const realDirs = new WeakMap<ScanBoundary, Map<string, string>>();

function realDirsOf(boundary: ScanBoundary): Map<string, string> {
  let dirs = realDirs.get(boundary);
  if (!dirs) realDirs.set(boundary, (dirs = new Map()));
  return dirs;
}

/**
 * What `realOrResolved(path)` returns, from the parent directory's real path (cached)
 * and one `lstat` of the last component: a symlink there is followed in full; a
 * missing file resolves beside its parent, as `realOrResolved` does.
 */
function realBesideKnownDir(path: string, dirs: Map<string, string>): string {
  const abs = resolve(path);
  const parent = dirname(abs);
  if (parent === abs) return realOrResolved(abs);
  let realParent = dirs.get(parent);
  if (realParent === undefined) dirs.set(parent, (realParent = realOrResolved(parent)));
  const candidate = resolve(realParent, abs.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
  let stats;
  try {
    stats = lstatSync(candidate, { throwIfNoEntry: false });
  } catch {
    return candidate;
  }
  return stats?.isSymbolicLink() ? realOrResolved(candidate) : candidate;
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(resolve(path));
    if (parent === resolve(path)) return parent;
    return resolve(realOrResolved(parent), resolve(path).slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
  }
}
