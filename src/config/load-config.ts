/**
 * Reads the configuration for a scan: an explicit file, or the nearest
 * `.seaworthy.yaml` above the scanned path, or the defaults when there is none.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ScanError } from '../model/finding.js';
import { sourceFile } from '../sources/source-file.js';
import { defaultConfig, type Config } from './config.js';
import { findConfigFile } from './find-config-file.js';
import { parseConfig } from './parse-config.js';

export interface LoadedConfig {
  config: Config;
  /** Configuration errors (code `config`): the CLI should stop on any. */
  errors: ScanError[];
  /** The file read, as shown in messages; absent when the defaults are used. */
  file?: string;
}

/**
 * Loads the configuration.
 *
 * @param path an explicit file (`--config`); it must exist
 * @param startDir where to start looking upwards when `path` is not given (the scanned path)
 * @param knownRuleIds ids of the rule catalogue; any other id in the file is an error
 *
 * @example
 * const { config, errors } = loadConfig(undefined, 'deploy/', rules.map((r) => r.id));
 * if (errors.length) exit(2);
 */
export function loadConfig(path: string | undefined, startDir: string, knownRuleIds: readonly string[], cwd = process.cwd()): LoadedConfig {
  let absolute: string;
  const errors: ScanError[] = [];
  if (path !== undefined) {
    absolute = resolve(cwd, path);
  } else {
    const found = findConfigFile(resolve(cwd, startDir));
    if (!found) return { config: defaultConfig(), errors };
    absolute = found.path;
    if (found.shadowed) {
      errors.push({
        file: display(found.shadowed, cwd),
        message: `two configuration files in one directory; ${display(found.path, cwd)} is used and this one would be ignored: remove one`,
        code: 'config',
      });
    }
  }
  const file = path ?? display(absolute, cwd);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    errors.push({ file, message: `cannot read configuration file: ${reason}`, code: 'config' });
    return { config: defaultConfig(), errors, file };
  }
  const parsed = parseConfig(sourceFile(file, text), knownRuleIds);
  parsed.config.baseDir = dirname(absolute);
  return { config: parsed.config, errors: [...errors, ...parsed.errors], file };
}

/** A path relative to the working directory when it is inside it. */
function display(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}
