/**
 * Go's text primitives as buildkit uses them (`unicode.IsSpace`, `strings.TrimSpace`,
 * `strconv.Quote`), so that splitting and dumping agree with buildkit character for
 * character. JavaScript's `\s` and `JSON.stringify` differ from Go on a few code points.
 */

/** Go's `unicode.IsSpace` (JavaScript's `\s` adds U+FEFF and lacks U+0085). */
export function isGoSpace(ch: string): boolean {
  const c = ch.codePointAt(0);
  if (c === undefined) return false;
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Length of the leading run of Go white space in `s` from `from`. */
export function goSpaceRun(s: string, from = 0): number {
  let i = from;
  while (i < s.length && isGoSpace(s[i]!)) i++;
  return i - from;
}

/** Offsets [start, end) of `s` with Go white space trimmed at both ends (`strings.TrimSpace`). */
export function goTrimSpaceBounds(s: string, start = 0, end = s.length): [number, number] {
  while (start < end && isGoSpace(s[start]!)) start++;
  while (end > start && isGoSpace(s[end - 1]!)) end--;
  return [start, end];
}

/** The white space buildkit splits arguments on (`reWhitespace`): ASCII only. */
export const GO_ARG_WHITESPACE = /[\t\v\f\r ]+/g;

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/**
 * Go's `strconv.Quote`: double-quoted, Go escapes for control and non-printable
 * characters (`\x00`, `\u00a0`), printable Unicode kept as is.
 *
 * @example
 * goQuote('a\u0000"'); // '"a\\x00\\""'
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    // A lone surrogate cannot come from UTF-8 text; Go would hold U+FFFD there.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c === 0x22 || c === 0x5c) out += '\\' + ch;
    else if (c === 0x20 || (c > 0x7e && PRINTABLE.test(String.fromCodePoint(c))) || (c > 0x20 && c < 0x7f)) out += String.fromCodePoint(c);
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** Go's `fmt.Sprintf("%q", []string{...})`: `["a" "b"]`. */
export function goQuoteList(items: readonly string[]): string {
  return '[' + items.map(goQuote).join(' ') + ']';
}
