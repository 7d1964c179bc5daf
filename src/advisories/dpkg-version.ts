/**
 * Debian version ordering exactly as `dpkg --compare-versions` does it
 * (dpkg's lib/dpkg/version.c: epoch, then upstream and revision by verrevcmp).
 * Written here rather than taken from npm: the packages that exist are small,
 * unmaintained and disagree with dpkg on tildes and epochs; this one agrees with
 * every row of the conformance vectors.
 */

interface DebVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

function parse(version: string): DebVersion {
  const v = version.trim();
  const colon = v.indexOf(':');
  const epoch = colon > 0 ? Number.parseInt(v.slice(0, colon), 10) || 0 : 0;
  const rest = colon >= 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return dash >= 0 ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) } : { epoch, upstream: rest, revision: '' };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** dpkg's order(): `~` before the end, the end before letters, letters before other symbols. */
function order(c: number): number {
  if (Number.isNaN(c)) return 0; // end of string
  if (isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // ~
  return c + 256;
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(i < a.length ? a.charCodeAt(i) : Number.NaN);
      const bc = order(j < b.length ? b.charCodeAt(j) : Number.NaN);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    while (i < a.length && isDigit(a.charCodeAt(i)) && j < b.length && isDigit(b.charCodeAt(j))) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/**
 * Compares two Debian versions: negative, zero or positive like `dpkg --compare-versions`.
 *
 * @example
 * compareDpkg('1.0~rc1-1', '1.0-1') < 0 // true
 */
export function compareDpkg(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  return verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision);
}
