/**
 * Globs in the configuration (`exclude`, `exceptions[].paths`) are written
 * relative to the configuration file's directory, as in ESLint, so a scan run
 * from a sub-directory matches the same files.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import picomatch from 'picomatch';

/**
 * The path a glob in the configuration is matched against: relative to `baseDir`,
 * forward slashes. Without a base (no config file), relative to `cwd`.
 *
 * @example
 * configRelativePath('deploy/web.yaml', '/repo', '/repo/sub'); // 'sub/deploy/web.yaml'
 */
export function configRelativePath(file: string, baseDir: string | undefined, cwd = process.cwd()): string {
  const absolute = resolve(cwd, file);
  const rel = relative(baseDir ?? cwd, absolute);
  return (isAbsolute(rel) ? absolute : rel).replace(/\\/g, '/');
}

const cache = new Map<string, (path: string) => boolean>();

/**
 * Whether a path matches any of the globs (picomatch, `dot: true` so `.github/**`
 * works). A glob without a slash matches a file name at any depth, like `.gitignore`.
 *
 * @example
 * matchesAnyGlob('k8s/dev/pod.yaml', ['k8s/dev/**']); // true
 */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => matcher(glob)(path));
}

function matcher(glob: string): (path: string) => boolean {
  let m = cache.get(glob);
  if (!m) {
    m = picomatch(glob, { dot: true, basename: !glob.includes('/') });
    cache.set(glob, m);
  }
  return m;
}
