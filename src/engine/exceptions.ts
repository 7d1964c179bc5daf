/**
 * Configuration exceptions: which findings an exception covers, and whether it
 * has expired. An exception is valid through its `expires` day (UTC).
 */
import picomatch from 'picomatch';
import type { ConfigException } from '../config/config.js';
import { configRelativePath, matchesAnyGlob } from '../config/config-paths.js';
import type { Finding } from '../model/finding.js';

/** `YYYY-MM-DD` of a date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Whether the exception's last day is before `today`.
 *
 * @example
 * isExpired({ expires: '2026-01-31', … }, new Date('2026-02-01')); // true
 */
export function isExpired(exception: ConfigException, today: Date): boolean {
  return exception.expires !== undefined && exception.expires < isoDay(today);
}

/**
 * Whether an exception covers a finding: the rule is listed, the file matches one
 * of `paths` (relative to the config file's directory), and every field given in
 * `resource` matches (`namespace` and `name` may be globs).
 *
 * @example
 * exceptionCovers(ex, finding, config.baseDir);
 */
export function exceptionCovers(exception: ConfigException, finding: Finding, baseDir: string | undefined, cwd = process.cwd()): boolean {
  if (!exception.rules.includes(finding.ruleId)) return false;
  if (exception.advisories) {
    const v = finding.vulnerability;
    if (!v || !exception.advisories.some((id) => id === v.advisoryId || v.aliases.includes(id))) return false;
  }
  if (exception.paths && !matchesAnyGlob(configRelativePath(finding.location.file, baseDir, cwd), exception.paths)) return false;
  const want = exception.resource;
  if (want) {
    const have = finding.resource;
    if (!have) return false;
    if (want.kind !== undefined && want.kind !== have.kind) return false;
    if (want.namespace !== undefined && !globMatch(have.namespace, want.namespace)) return false;
    if (want.name !== undefined && !globMatch(have.name, want.name)) return false;
  }
  return true;
}

function globMatch(value: string | undefined, pattern: string): boolean {
  return value !== undefined && picomatch.isMatch(value, pattern, { dot: true });
}
