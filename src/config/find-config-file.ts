/**
 * Finds the configuration that applies to a scanned path: the nearest
 * `.seaworthy.yaml` (or `.seaworthy.yml`) in its directory or any parent, up to
 * the repository root (the directory holding `.git`) or the user's home, whichever
 * comes first: a file planted in a shared parent (`/tmp`, a CI workspace holding
 * several checkouts) must not configure — or silence — the scan of a repository.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_FILE_NAMES = ['.seaworthy.yaml', '.seaworthy.yml'] as const;

export interface FoundConfigFile {
  /** Absolute path of the file found. */
  path: string;
  /** Another config file in the same directory, which would be ignored. */
  shadowed?: string;
}

/**
 * The nearest configuration file at or above `start` (a file or a directory).
 *
 * @example
 * findConfigFile('deploy/web.yaml'); // { path: '/repo/.seaworthy.yaml' }
 */
export function findConfigFile(start: string, home = homedir()): FoundConfigFile | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    const present = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((p) => isFile(p));
    if (present.length) return { path: present[0]!, ...(present[1] !== undefined && { shadowed: present[1] }) };
    if (existsSync(join(dir, '.git')) || dir === resolve(home)) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
