/**
 * The part of the OSV schema (ossf/osv-schema 1.7) that OS-package matching
 * reads. Records are kept as published; readers ignore what they do not know.
 */

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  severity?: OsvSeverity[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  upstream?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: Array<{ type: string; url: string }>;
  database_specific?: Record<string, unknown>;
}

/**
 * Checks the fields matching relies on and returns the record, or a reason it
 * cannot be used (so an import can name the file and go on).
 *
 * @example
 * const r = asOsvRecord(JSON.parse(text)); if (typeof r === 'string') warn(r);
 */
export function asOsvRecord(value: unknown): OsvRecord | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const r = value as Record<string, unknown>;
  if (typeof r['id'] !== 'string' || !r['id']) return 'no "id"';
  if (typeof r['modified'] !== 'string') return `${r['id']}: no "modified"`;
  if (r['affected'] !== undefined && !Array.isArray(r['affected'])) return `${r['id']}: "affected" is not a list`;
  for (const a of (r['affected'] as unknown[] | undefined) ?? []) {
    if (!a || typeof a !== 'object') return `${r['id']}: an "affected" entry is not an object`;
    const ranges = (a as Record<string, unknown>)['ranges'];
    if (ranges !== undefined && !Array.isArray(ranges)) return `${r['id']}: "ranges" is not a list`;
    for (const range of (ranges as unknown[] | undefined) ?? []) {
      if (!range || typeof range !== 'object' || !Array.isArray((range as Record<string, unknown>)['events'])) return `${r['id']}: a range has no "events" list`;
    }
  }
  return value as OsvRecord;
}

/** CVE ids and other names of the same flaw: `aliases`, then `upstream` (Debian puts the CVE there). */
export function aliasesOf(record: OsvRecord): string[] {
  const out = new Set<string>();
  for (const id of [...(record.aliases ?? []), ...(record.upstream ?? [])]) if (id !== record.id) out.add(id);
  return [...out];
}
