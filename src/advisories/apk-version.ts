/**
 * Alpine version ordering as apk-tools 2.x (`apk version -t`) orders valid
 * versions, after apk-package(5): `number{.number}…{letter}{_suffix{number}}…{~hash}{-r#}`.
 * Numbers compare numerically, except that a later component starting with `0`
 * compares as a string (1.01 < 1.1, as apk's "digit or zero" token does); one
 * lower-case letter; suffixes alpha < beta < pre < rc < (none) < cvs < svn < git
 * < hg < p; the hash is ignored; then the `-rN` revision. Strings that do not fit
 * the grammar are ordered the way OSV's own matcher (osv-scalibr) orders them:
 * the parts that parse first, then anything left over sorts below nothing left
 * over, and two invalid strings compare as plain strings.
 * Written here because no npm package implements apk ordering; it agrees with
 * every row of the conformance vectors.
 */

interface ApkVersion {
  text: string;
  numbers: string[];
  letter: string;
  suffixes: Array<{ weight: number; number: string }>;
  revision: string;
  remainder: string;
  invalid: boolean;
}

const SUFFIX_WEIGHT: Record<string, number> = { alpha: 0, beta: 1, pre: 2, rc: 3, '': 4, cvs: 5, svn: 6, git: 7, hg: 8, p: 9 };
const NO_SUFFIX = { weight: SUFFIX_WEIGHT['']!, number: '0' };

const NUMBERS = /^(?:\d+\.?)*/;
const SUFFIX = /_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/y;
const HASH = /^~[0-9a-f]+/;
const REVISION = /^-r(\d*)/;

function parse(text: string): ApkVersion {
  const v: ApkVersion = { text, numbers: [], letter: '', suffixes: [], revision: '0', remainder: '', invalid: false };
  let rest = text;
  const nums = NUMBERS.exec(rest)![0];
  if (nums) {
    v.numbers = nums.split('.');
    rest = rest.slice(nums.length);
  }
  if (/^[a-z]/.test(rest)) {
    v.letter = rest[0]!;
    rest = rest.slice(1);
  }
  for (;;) {
    SUFFIX.lastIndex = 0;
    const m = SUFFIX.exec(rest);
    if (!m) break;
    v.suffixes.push({ weight: SUFFIX_WEIGHT[m[1]!]!, number: m[2] || '0' });
    rest = rest.slice(m[0].length);
  }
  const hash = HASH.exec(rest);
  if (hash) rest = rest.slice(hash[0].length);
  if (rest) {
    const rev = REVISION.exec(rest);
    if (rev) {
      v.revision = rev[1] || '0';
      rest = rest.slice(rev[0].length);
    } else v.invalid = true;
  }
  v.remainder = rest;
  return v;
}

/** Compares digit strings of any length numerically. */
function compareNumeric(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNumbers(a: string[], b: string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    // A missing component counts as a first-position 0 (numeric).
    const fractional = i > 0 && x !== undefined && y !== undefined && (x.startsWith('0') || y.startsWith('0'));
    const diff = fractional ? compareStrings(x, y) : compareNumeric(x ?? '0', y ?? '0');
    if (diff) return diff;
  }
  return 0;
}

function compareSuffixes(a: ApkVersion['suffixes'], b: ApkVersion['suffixes']): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? NO_SUFFIX;
    const y = b[i] ?? NO_SUFFIX;
    if (x.weight !== y.weight) return x.weight < y.weight ? -1 : 1;
    const diff = compareNumeric(x.number, y.number);
    if (diff) return diff;
  }
  return 0;
}

/**
 * Compares two Alpine package versions: negative, zero or positive like `apk version -t`.
 *
 * @example
 * compareApk('1.2.3_rc1-r0', '1.2.3-r0') < 0 // true
 */
export function compareApk(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (x.invalid && y.invalid) return compareStrings(a, b);
  const letters = x.letter === y.letter ? 0 : !x.letter ? -1 : !y.letter ? 1 : compareStrings(x.letter, y.letter);
  return (
    compareNumbers(x.numbers, y.numbers) ||
    letters ||
    compareSuffixes(x.suffixes, y.suffixes) ||
    compareNumeric(x.revision, y.revision) ||
    (x.remainder === y.remainder ? 0 : !x.remainder ? 1 : !y.remainder ? -1 : 0)
  );
}
