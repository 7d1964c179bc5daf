/**
 * Finds the files to scan under the paths a user gave: directories recursively
 * (skipping `node_modules`, VCS folders and `--exclude` globs, never looping on
 * symlinks), files as named. A directory walk keeps only files some source can read.
 */
import { opendir, readFile, stat } from 'node:fs/promises';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { ScanError, ScanWarning } from '../model/finding.js';
import { sourceKinds } from '../sources/source-kinds.js';
import { describeFsError } from './read-input.js';
import { outsideBoundary, type ScanBoundary } from './scan-boundary.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const COMPRESSED = /\.(?:gz|tgz|bz2|xz|zst|zip|7z|lz4|br|Z)$/;

export interface DiscoveredFile {
  path: string;
  /** Named on the command line (so an unknown kind is reported). */
  explicit: boolean;
  /**
   * Only a guess made it a candidate: a file without an extension that might be a
   * script. A binary, oversized or non-UTF-8 one is then skipped quietly, since
   * nothing said it was an input (a `.yaml` or a `Dockerfile` is reported).
   */
  guessed: boolean;
}

export interface DiscoverOptions {
  exclude?: readonly string[];
  /** Symlinks leading outside it are skipped with a warning. */
  boundary?: ScanBoundary;
}

/** True when some source may read a file of this name. */
export function isCandidate(path: string): boolean {
  // A compressed file is no input of any source: skipped without a word.
  if (COMPRESSED.test(path)) return false;
  return sourceKinds.some((s) => s.matchesName(path) || s.mayContain(path));
}

export async function discoverFiles(paths: readonly string[], options: DiscoverOptions = {}): Promise<{ files: DiscoveredFile[]; errors: ScanError[]; warnings: ScanWarning[]; excluded: number }> {
  const files: DiscoveredFile[] = [];
  const errors: ScanError[] = [];
  const warnings: ScanWarning[] = [];
  const excluded = options.exclude?.length ? picomatch(options.exclude as string[], { dot: true }) : undefined;
  const isExcluded = (p: string, root: string): boolean => {
    if (!excluded) return false;
    const rel = relative(root, p).split(sep).join('/');
    const asGiven = p.split(sep).join('/');
    return excluded(rel) || excluded(asGiven) || excluded(rel.split('/').pop() ?? rel);
  };
  const seen = new Set<string>();
  let excludedCount = 0;

  const walk = async (dir: string, root: string, visited: Set<string>): Promise<void> => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      errors.push({ file: dir, message: describeFsError(error), code: 'read' });
      return;
    }
    if (visited.has(real)) {
      errors.push({ file: dir, message: 'symlink loop: this directory is already being scanned', code: 'loop' });
      return;
    }
    const inside = new Set(visited).add(real);
    // Synchronous, like the file reads (scan.ts): a Compose corpus of 2,000 project folders
    // spent a fifth of its wall time waiting on the thread pool for realpath and opendir.
    const names: { name: string; isDir: boolean; isLink: boolean; isFile: boolean }[] = [];
    try {
      for (const e of readdirSync(dir, { withFileTypes: true })) names.push({ name: e.name, isDir: e.isDirectory(), isLink: e.isSymbolicLink(), isFile: e.isFile() });
    } catch (error) {
      errors.push({ file: dir, message: describeFsError(error), code: 'read' });
      return;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A Helm chart's templates are Go templates, not YAML, until `helm template`
    // renders them: scanning them would only yield syntax errors.
    const helmChart = names.some((e) => (e.name === 'Chart.yaml' || e.name === 'Chart.yml') && !e.isDir);
    for (const e of names) {
      const p = join(dir, e.name);
      if (isExcluded(p, root)) {
        if (e.isDir || e.isLink || isCandidate(p)) excludedCount++;
        continue;
      }
      if (helmChart && e.name === 'templates' && e.isDir) {
        warnings.push(await skippedTemplates(dir, p));
        continue;
      }
      let isDir = e.isDir;
      let isFile = e.isFile;
      if (e.isLink) {
        try {
          const s = statSync(p);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (error) {
          // A dangling link (or a link loop) met in a walk is not an input the user named: worth telling
          // (when it looks like an input), but not a failure of the scan.
          if (isCandidate(p)) warnings.push({ file: p, message: `${describeFsError(error)}: a symbolic link that leads to no file; skipped (fix or remove the link, or --exclude it)`, code: 'broken-link' });
          continue;
        }
        const outside = outsideBoundary(p, options.boundary);
        if (outside !== undefined) {
          if (isDir || isCandidate(p)) warnings.push({ file: p, message: `a symbolic link to ${outside}, outside the scanned tree: not followed (scan that path itself, or pass --follow-outside)`, code: 'outside-tree' });
          continue;
        }
      }
      if (isDir) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(p, root, inside);
      } else if (isFile && isCandidate(p) && !seen.has(p)) {
        seen.add(p);
        files.push({ path: p, explicit: false, guessed: !sourceKinds.some((s) => s.matchesName(p)) && !/\.[^/\\]*$/.test(basename(p)) });
      }
    }
  };

  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      errors.push({ file: given, message: describeFsError(error), code: 'read' });
      continue;
    }
    if (info.isDirectory()) await walk(given, given, new Set());
    else if (!seen.has(given)) {
      seen.add(given);
      files.push({ path: given, explicit: true, guessed: false });
    }
  }
  return { files, errors, warnings, excluded: excludedCount };
}

/** The one warning for a chart whose templates a directory walk skips. */
async function skippedTemplates(chartDir: string, templatesDir: string): Promise<ScanWarning> {
  let name = basename(chartDir);
  try {
    const chart = await readFile(join(chartDir, 'Chart.yaml'), 'utf8').catch(() => readFile(join(chartDir, 'Chart.yml'), 'utf8'));
    name = /^name:[ \t]*["']?([^"'\s#]+)/m.exec(chart)?.[1] ?? name;
  } catch {
    // No readable Chart.yaml: the folder's name will do.
  }
  const count = await countFiles(templatesDir, 10_000);
  const n = `${count >= 10_000 ? 'over 10000' : count} template${count === 1 ? '' : 's'}`;
  return { file: templatesDir, message: `chart ${name}: ${n} skipped (Go templates are not YAML until rendered); scan the rendered chart: helm template ${chartDir} | seaworthy scan -`, code: 'helm-templates' };
}

async function countFiles(dir: string, limit: number): Promise<number> {
  let count = 0;
  const pending = [dir];
  while (pending.length && count < limit) {
    const current = pending.pop()!;
    try {
      for await (const e of await opendir(current)) {
        if (e.isDirectory()) pending.push(join(current, e.name));
        else if (e.isFile() && ++count >= limit) break;
      }
    } catch {
      // An unreadable folder inside templates/ adds nothing to the count.
    }
  }
  return count;
}
