/**
 * Whether a version falls in an OSV `ECOSYSTEM` range, evaluated as the OSV
 * schema describes: events sorted by version, `introduced` opens, `fixed` closes
 * at the fix, `last_affected` closes after it, and `limit` bounds the whole range.
 */
import type { VersionComparator } from './compare-version.js';
import type { OsvAffected, OsvEvent, OsvRange } from './osv.js';

function eventVersion(e: OsvEvent): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
}

/** Sorts with `introduced: "0"` first and `limit: "*"` last, the rest by the comparator. */
function sortEvents(events: OsvEvent[], compare: VersionComparator): OsvEvent[] {
  const rank = (e: OsvEvent): number => (e.introduced === '0' ? -1 : e.limit === '*' ? 1 : 0);
  return [...events].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? compare(eventVersion(a), eventVersion(b)) : 0));
}

/**
 * @example
 * inRange('1.0-1', { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2' }] }, compareDpkg) // true
 */
export function inRange(version: string, range: OsvRange, compare: VersionComparator): boolean {
  const limits = range.events.filter((e) => e.limit !== undefined).map((e) => e.limit!);
  if (limits.length && !limits.some((l) => l === '*' || compare(version, l) < 0)) return false;
  let affected = false;
  for (const e of sortEvents(range.events, compare)) {
    if (e.introduced !== undefined) {
      if (e.introduced === '0' || compare(version, e.introduced) >= 0) affected = true;
    } else if (e.fixed !== undefined) {
      if (compare(version, e.fixed) >= 0) affected = false;
    } else if (e.last_affected !== undefined) {
      if (compare(version, e.last_affected) > 0) affected = false;
    }
  }
  return affected;
}

export interface AffectedVerdict {
  /** The lowest fix above the installed version in the range that matched; undefined when unfixed. */
  fixed?: string;
}

/**
 * Whether `version` is affected by one `affected` entry: a listed version, or an
 * `ECOSYSTEM` range (other range types are for git commits and semver, not OS packages).
 */
export function affectedBy(version: string, affected: OsvAffected, compare: VersionComparator): AffectedVerdict | undefined {
  let hit = false;
  let fixed: string | undefined;
  for (const range of affected.ranges ?? []) {
    if (range.type !== 'ECOSYSTEM' || !inRange(version, range, compare)) continue;
    hit = true;
    for (const e of range.events) {
      if (e.fixed === undefined || compare(e.fixed, version) <= 0) continue;
      if (fixed === undefined || compare(e.fixed, fixed) < 0) fixed = e.fixed;
    }
  }
  if (!hit && affected.versions?.some((v) => compare(v, version) === 0)) hit = true;
  if (!hit) return undefined;
  return fixed === undefined ? {} : { fixed };
}
