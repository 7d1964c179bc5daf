/**
 * RPM version ordering as librpm 4.18 does it: `rpmverParse` splits
 * `[epoch:]version[-release]`, `rpmverCmp` compares epoch, version, then the
 * release only when both have one, each part with `rpmvercmp` (alphanumeric
 * segments, `~` sorts before everything, `^` after the end but before more).
 * Hand-written for the same reason as the dpkg one: no maintained npm package
 * agrees with librpm on tilde/caret; this one agrees with every conformance row.
 */

interface Evr {
  epoch: string;
  version: string;
  release?: string;
}

function parseEvr(evr: string): Evr {
  let s = 0;
  while (s < evr.length && isDigit(evr.charCodeAt(s))) s++;
  let epoch = '0';
  let rest = evr;
  if (evr[s] === ':') {
    epoch = evr.slice(0, s) || '0';
    rest = evr.slice(s + 1);
  }
  const dash = rest.lastIndexOf('-');
  return dash >= 0 ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) } : { epoch, version: rest };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number): boolean => isDigit(c) || isAlpha(c);
const TILDE = 126;
const CARET = 94;

/** librpm's rpmvercmp on one part. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isAlnum(a.charCodeAt(i)) && a.charCodeAt(i) !== TILDE && a.charCodeAt(i) !== CARET) i++;
    while (j < b.length && !isAlnum(b.charCodeAt(j)) && b.charCodeAt(j) !== TILDE && b.charCodeAt(j) !== CARET) j++;
    if (i >= a.length && j >= b.length) return 0;
    const ca = i < a.length ? a.charCodeAt(i) : -1;
    const cb = j < b.length ? b.charCodeAt(j) : -1;
    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1;
      if (cb !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === CARET || cb === CARET) {
      if (ca === -1) return -1;
      if (cb === -1) return 1;
      if (ca !== CARET) return 1;
      if (cb !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === -1 || cb === -1) break;
    const numeric = isDigit(ca);
    const inSegment = numeric ? isDigit : isAlpha;
    let ei = i;
    let ej = j;
    while (ei < a.length && inSegment(a.charCodeAt(ei))) ei++;
    while (ej < b.length && inSegment(b.charCodeAt(ej))) ej++;
    // A numeric segment is newer than an alphabetic one.
    if (ej === j) return numeric ? 1 : -1;
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/**
 * Compares two RPM EVR strings: negative, zero or positive like librpm's rpmverCmp.
 *
 * @example
 * compareRpm('1:1.0-1.el9', '2.0-1.el9') > 0 // true: the epoch wins
 */
export function compareRpm(a: string, b: string): number {
  const x = parseEvr(a);
  const y = parseEvr(b);
  const rc = rpmvercmp(x.epoch, y.epoch) || rpmvercmp(x.version, y.version);
  if (rc || x.release === undefined || y.release === undefined) return rc;
  return rpmvercmp(x.release, y.release);
}
