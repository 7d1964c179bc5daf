/**
 * The conformance folder's expectations for the debootstrap minbase Debian 12 image
 * (vulnerabilities/expectations.tsv), checked against what a scan matched: for each
 * installed source package at the version a row names, the advisory must match or
 * must not, as the row says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir } from './prerequisites.js';

export function vulnerabilityRows(file: string): string[][] {
  return readFileSync(join(conformanceDir, 'vulnerabilities', file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(1).map((l) => l.split('\t'));
}

/**
 * @param hits `sourcePackage|advisoryId` pairs the scan matched
 * @param installed source package → installed source version
 */
export function checkDebianExpectations(hits: ReadonlySet<string>, installed: ReadonlyMap<string, string | undefined>): { checked: number; matches: number; wrong: string[] } {
  let checked = 0;
  let matches = 0;
  const wrong: string[] = [];
  for (const [eco, source, , version, advisory, expect, reason, origin] of vulnerabilityRows('expectations.tsv')) {
    if (eco !== 'Debian:12' || !origin!.startsWith('debootstrap minbase rootfs') || installed.get(source!) !== version) continue;
    checked++;
    if (expect === 'match') matches++;
    if ((expect === 'match') !== hits.has(`${source}|${advisory}`)) wrong.push(`${source} ${version} ${advisory}: expected ${expect} (${reason})`);
  }
  return { checked, matches, wrong };
}
