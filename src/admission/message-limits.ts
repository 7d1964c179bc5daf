/**
 * Sizes the API server accepts for what a webhook says. Warnings: the API server stops
 * adding warnings once their text reaches 4096 runes in total and then cuts each to
 * 256 (k8s.io/apiserver pkg/endpoints/filters/warning.go), and it drops a warning with
 * control characters (it must be a valid HTTP Warning header). So each warning is one
 * line of at most 256 characters and the whole set stays under 4096, with the last one
 * saying how many were left out. The denial message has no fixed limit, but it is shown
 * by kubectl after the API server's own prefix: 4 KiB keeps it readable and bounded.
 */
export const WARNING_MAX = 256;
export const WARNINGS_TOTAL_MAX = 4096;
export const DENIAL_MAX = 4096;
/** Audit annotation values are stored in every audit event: keep them short. */
export const AUDIT_VALUE_MAX = 2048;

/** One printable line: newlines, tabs and other control characters become spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** Cuts a text to `max` characters (code points), ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  // A string never has more code points than UTF-16 units: most messages end here.
  if (text.length <= max) return text;
  // Walk max - 1 code points; cut only when more than one is left after them.
  let at = 0;
  for (let n = 0; n < max - 1 && at < text.length; n++) at += isPairAt(text, at) ? 2 : 1;
  if (at >= text.length) return text;
  const next = isPairAt(text, at) ? 2 : 1;
  return at + next >= text.length ? text : `${text.slice(0, at)}…`;
}

/**
 * Lines joined under a total budget; what does not fit is counted in a last line.
 * `more(n)` must not get shorter as `n` grows (its count is its only variable part).
 *
 * @example
 * fitLines(['a', 'b', 'c'], 4, (n) => `+${n}`); // ['a', '+2']
 */
export function fitLines(lines: readonly string[], total: number, more: (left: number) => string, separator = 0): string[] {
  const out: string[] = [];
  let used = 0;
  // The longest count line there can be: a line that fits beside it fits beside any.
  const widest = lines.length > 1 ? codePoints(more(lines.length)) + separator : 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const rest = lines.length - i - 1;
    const size = codePoints(line) + (out.length ? separator : 0);
    if (used + size + widest <= total) {
      out.push(line);
      used += size;
      continue;
    }
    const reserve = rest > 0 ? codePoints(more(rest + 1)) + separator : 0;
    if (used + size + reserve > total) {
      out.push(more(lines.length - i));
      return out;
    }
    out.push(line);
    used += size;
  }
  return out;
}

/** Whether a surrogate pair (one code point in two units) starts at `i`. */
function isPairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Length in code points (what the API server counts as runes), without an array per string. */
function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += isPairAt(text, i) ? 2 : 1) n++;
  return n;
}
