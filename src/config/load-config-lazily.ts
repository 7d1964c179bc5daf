/**
 * loadConfig for the start of a scan: the configuration parser, and the YAML reader it
 * brings, are imported only when there is a file to read. Most scans have none, and a
 * scan of a Containerfile needs no YAML otherwise.
 */
import { resolve } from 'node:path';
import { defaultConfig } from './config.js';
import { findConfigFile } from './find-config-file.js';
import type { LoadedConfig } from './load-config.js';

/** Same arguments and result as loadConfig (load-config.ts). */
export async function loadConfigLazily(path: string | undefined, startDir: string, knownRuleIds: readonly string[], cwd = process.cwd()): Promise<LoadedConfig> {
  if (path === undefined && !findConfigFile(resolve(cwd, startDir))) return { config: defaultConfig(), errors: [] };
  return (await import('./load-config.js')).loadConfig(path, startDir, knownRuleIds, cwd);
}
