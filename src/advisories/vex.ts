/**
 * VEX statements that mark an advisory as not affecting a product, from a
 * CycloneDX document (`vulnerabilities[].analysis.state`) or an OpenVEX one
 * (`statements[].status`). A statement applies to a package when one of its
 * products is the package's purl (qualifiers ignored; a version, when given,
 * must be the installed one), to every package of the image when it names the
 * image (reference or digest) or names no product at all.
 */
import { readFileSync } from 'node:fs';

export interface VexStatement {
  /** Advisory ids or aliases the statement is about. */
  ids: string[];
  /** purls or image names; empty means every product. */
  products: string[];
  status: string;
  justification?: string;
  /** The file it came from. */
  source: string;
}

const CLEARS = new Set(['not_affected', 'false_positive', 'resolved', 'fixed']);

/**
 * Reads one VEX file. Throws with the file name when it is neither format.
 *
 * @example
 * const statements = readVex('vex.openvex.json');
 */
export function readVex(path: string): VexStatement[] {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${path}: cannot read the VEX document: ${(e as Error).message}`);
  }
  return parseVex(doc, path);
}

export function parseVex(doc: Record<string, unknown>, source: string): VexStatement[] {
  if (Array.isArray(doc['statements'])) return openVex(doc['statements'] as Record<string, unknown>[], source);
  if (doc['bomFormat'] === 'CycloneDX') return cycloneDxVex((doc['vulnerabilities'] as Record<string, unknown>[] | undefined) ?? [], source);
  throw new Error(`${source}: neither an OpenVEX document (statements) nor a CycloneDX one (bomFormat)`);
}

function openVex(statements: Record<string, unknown>[], source: string): VexStatement[] {
  return statements.map((s) => {
    const v = (s['vulnerability'] ?? {}) as Record<string, unknown>;
    const ids = [v['name'], v['@id'], ...((v['aliases'] as unknown[]) ?? [])].filter((x): x is string => typeof x === 'string');
    const products = ((s['products'] as Record<string, unknown>[] | undefined) ?? []).flatMap((p) => {
      const ids = [p['@id'], ...(Object.values((p['identifiers'] as Record<string, unknown>) ?? {}))];
      return ids.filter((x): x is string => typeof x === 'string');
    });
    const out: VexStatement = { ids, products, status: String(s['status'] ?? ''), source };
    if (typeof s['justification'] === 'string') out.justification = s['justification'];
    return out;
  });
}

function cycloneDxVex(vulns: Record<string, unknown>[], source: string): VexStatement[] {
  return vulns.map((v) => {
    const analysis = (v['analysis'] ?? {}) as Record<string, unknown>;
    const ids = [v['id'], ...(((v['references'] as Record<string, unknown>[]) ?? []).map((r) => r['id']))].filter((x): x is string => typeof x === 'string');
    const products = ((v['affects'] as Record<string, unknown>[] | undefined) ?? []).map((a) => a['ref']).filter((x): x is string => typeof x === 'string');
    const out: VexStatement = { ids, products, status: String(analysis['state'] ?? ''), source };
    if (typeof analysis['justification'] === 'string') out.justification = analysis['justification'];
    return out;
  });
}

/** `pkg:deb/debian/libc6@2.36?arch=amd64` → { base: 'pkg:deb/debian/libc6', version: '2.36' } */
function splitPurl(purl: string): { base: string; version?: string } {
  const bare = decodeURIComponent(purl.replace(/[?#].*$/, ''));
  const at = bare.lastIndexOf('@');
  return at > bare.indexOf('/') && at > 0 ? { base: bare.slice(0, at), version: bare.slice(at + 1) } : { base: bare };
}

/**
 * The statement that clears advisory `ids` for the package `purl` in image `imageNames`, if any.
 */
export function clearingStatement(statements: readonly VexStatement[], ids: readonly string[], purl: string, imageNames: readonly string[]): VexStatement | undefined {
  const pkg = splitPurl(purl);
  return statements.find((s) => {
    if (!CLEARS.has(s.status) || !s.ids.some((id) => ids.includes(id))) return false;
    if (!s.products.length) return true;
    return s.products.some((p) => {
      if (imageNames.includes(p)) return true;
      if (!p.startsWith('pkg:')) return false;
      const want = splitPurl(p);
      return want.base === pkg.base && (want.version === undefined || want.version === pkg.version);
    });
  });
}
