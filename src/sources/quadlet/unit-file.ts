/**
 * systemd unit file syntax (systemd.syntax(7)) as Quadlet reads it: `[Section]`
 * headers, `Key=Value` lines, `#`/`;` comments, a trailing `\` continuing a value
 * on the next line, and quoted words in list values.
 */
import type { Location } from '../../model/location.js';
import { looseSpan, mappedSpan, type TextSpan } from '../container-values/text-span.js';
import { rangeLoc, type SourceFile } from '../source-file.js';
import { spendAt } from '../../scan/file-budget.js';

export interface UnitEntry {
  key: string;
  keyLoc: Location;
  /** The value, continuation lines joined; exact positions when on one line. */
  value: TextSpan;
  /** The whole `Key=Value` entry. */
  loc: Location;
}

export interface UnitSection {
  name: string;
  /** The `[Name]` header. */
  loc: Location;
  entries: UnitEntry[];
}

export interface UnitProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Parses a unit file. Lines that are neither a header, an entry nor a comment are
 * reported and skipped.
 *
 * @example
 * parseUnitFile(sourceFile('web.container', '[Container]\nImage=nginx\n')).sections[0].entries[0].value.value; // 'nginx'
 */
export function parseUnitFile(src: SourceFile): { sections: UnitSection[]; problems: UnitProblem[] } {
  const sections: UnitSection[] = [];
  const problems: UnitProblem[] = [];
  const text = src.text;
  let section: UnitSection | undefined;
  let at = 0;
  while (at < text.length) {
    spendAt(at); // the per-file time budget (scan/file-budget.ts)
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const line = text.slice(at, end).replace(/\r$/, '');
    const lineNo = src.lines.position(at).line;
    const trimmed = line.trim();
    const indent = line.length - line.trimStart().length;
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      at = end + 1;
      continue;
    }
    if (trimmed.startsWith('[')) {
      const close = trimmed.indexOf(']');
      if (close === -1) problems.push({ line: lineNo, column: indent + 1, message: `section header without "]": ${trimmed}` });
      else {
        section = { name: trimmed.slice(1, close), loc: rangeLoc(src, at + indent, at + indent + close + 1), entries: [] };
        sections.push(section);
      }
      at = end + 1;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1 || !section) {
      problems.push({ line: lineNo, column: indent + 1, message: section ? `expected Key=Value, found "${trimmed}"` : `"${trimmed}" is outside any [Section]` });
      at = end + 1;
      continue;
    }
    const key = line.slice(indent, eq).trim();
    const keyLoc = rangeLoc(src, at + indent, at + indent + key.length);
    let valueStart = eq + 1;
    while (line[valueStart] === ' ' || line[valueStart] === '\t') valueStart++;
    const first = line.slice(valueStart).trimEnd();
    // File offset of each value character, so words on continuation lines keep theirs.
    const offsets: number[] = Array.from({ length: first.length }, (_, k) => at + valueStart + k);
    // Pieces joined once at the end: re-slicing a growing value per line was quadratic.
    const pieces = [first];
    let tail = first;
    let lastEnd = end;
    // A trailing backslash continues the value (as one space); comment lines inside are skipped.
    while (tail.endsWith('\\') && lastEnd < text.length) {
      spendAt(lastEnd + 1);
      const backslash = offsets.pop()!;
      pieces[pieces.length - 1] = tail.slice(0, -1);
      const nextStart = lastEnd + 1;
      let nextEnd = text.indexOf('\n', nextStart);
      if (nextEnd === -1) nextEnd = text.length;
      const next = text.slice(nextStart, nextEnd).replace(/\r$/, '');
      lastEnd = nextEnd;
      if (/^\s*[#;]/.test(next)) {
        tail = '\\';
        pieces.push(tail);
        offsets.push(backslash);
        continue;
      }
      const lead = next.length - next.trimStart().length;
      const piece = next.trim();
      tail = ' ' + piece;
      pieces.push(tail);
      offsets.push(backslash);
      for (let k = 0; k < piece.length; k++) offsets.push(nextStart + lead + k);
    }
    const value = pieces.join('');
    const entryEnd = at + line.length + (lastEnd - end);
    const span = mappedSpan(src, value, (k) => offsets[k] ?? (offsets.length ? offsets[offsets.length - 1]! + 1 : at + valueStart));
    section.entries.push({ key, keyLoc, value: span, loc: rangeLoc(src, at + indent, Math.max(entryEnd, at + valueStart)) });
    at = lastEnd + 1;
  }
  return { sections, problems };
}

/**
 * Splits a list value into words as Quadlet's `LookupAllArgs`/`LookupAllKeyVal` do
 * (podman pkg/systemd/parser/split.go, systemd's extract_first_word with
 * SplitRelax|SplitUnquote|SplitCUnescape): whitespace separates, `"…"` and `'…'`
 * quote, and a backslash, inside quotes or not, starts a C escape (`\n`, `\t`, `\s`
 * for a space, `\\`, `\"`, `\xHH`, `\NNN` octal, `\uHHHH`, `\UHHHHHHHH`). An
 * escape Quadlet does not know (`\.`, `\ `) makes it drop the whole entry: then
 * no word is returned and `onBadEscape` is told where. With `retainEscape` (the
 * `LookupAllStrv` keys: `AddCapability=`, `DropCapability=`) a backslash is an
 * ordinary character. Words without escapes or quotes keep exact positions.
 *
 * @example
 * splitWords(span('A=1 "B=two words" C=a\\sb')).map((w) => w.value); // ['A=1', 'B=two words', 'C=a b']
 */
export function splitWords(span: TextSpan, onUnclosedQuote?: (at: TextSpan) => void, onBadEscape?: (at: TextSpan) => void, retainEscape = false): TextSpan[] {
  const words: TextSpan[] = [];
  const text = span.value;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    let quote = '';
    let changed = false;
    while (i < text.length && (quote !== '' || !/\s/.test(text[i]!))) {
      const ch = text[i]!;
      if (ch === '\\' && !retainEscape) {
        changed = true;
        // A trailing backslash ends the word (SplitRelax).
        if (i + 1 >= text.length) {
          i++;
          break;
        }
        const escape = cUnescapeOne(text, i + 1);
        if (!escape) {
          onBadEscape?.(span.sub(i, Math.min(i + 2, text.length)));
          return [];
        }
        value += escape.char;
        i += 1 + escape.length;
      } else if (quote !== '') {
        if (ch === quote) quote = '';
        else value += ch;
        i++;
      } else if (ch === '"' || ch === "'") {
        changed = true;
        quote = ch;
        i++;
      } else {
        value += ch;
        i++;
      }
    }
    if (quote !== '') onUnclosedQuote?.(span.sub(text.lastIndexOf(quote, i - 1), text.lastIndexOf(quote, i - 1) + 1));
    const written = text.slice(start, i);
    if (!changed) words.push(span.sub(start, start + value.length));
    else if (written.length === value.length + 2 && /^(["'])[^\\"']*\1$/s.test(written)) words.push(span.sub(start + 1, start + 1 + value.length));
    else words.push(looseSpan(value, span.sub(start, i).loc, span.dynamic));
  }
  return words;
}

/** The one-letter C escapes (`\s` is systemd's space). */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ' });

/** Hex digit value, or -1. */
function hex(ch: string | undefined): number {
  return ch !== undefined && /^[0-9a-fA-F]$/.test(ch) ? parseInt(ch, 16) : -1;
}

/**
 * One C escape after a backslash at `at` (podman's cUnescapeOne, from systemd's
 * escape.c): the character and how many characters it took, or undefined for an
 * escape Quadlet refuses (an unknown letter, a NUL, a bad digit).
 */
function cUnescapeOne(text: string, at: number): { char: string; length: number } | undefined {
  const c = text[at];
  if (c === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { char: simple, length: 1 };
  const digits = (n: number, base: 16 | 8): number | undefined => {
    let v = 0;
    for (let k = 1; k <= n; k++) {
      const d = base === 16 ? hex(text[at + k]) : /^[0-7]$/.test(text[at + k] ?? '') ? Number(text[at + k]) : -1;
      if (d < 0) return undefined;
      v = v * base + d;
    }
    return v;
  };
  let code: number | undefined;
  let length: number;
  if (c === 'x') [code, length] = [digits(2, 16), 3];
  else if (c === 'u') [code, length] = [digits(4, 16), 5];
  else if (c === 'U') [code, length] = [digits(8, 16), 9];
  else if (/^[0-7]$/.test(c)) {
    // Three octal digits, this one the first.
    const v = [0, 1, 2].map((k) => (/^[0-7]$/.test(text[at + k] ?? '') ? Number(text[at + k]) : -1));
    code = v.some((d) => d < 0) ? undefined : v[0]! * 64 + v[1]! * 8 + v[2]!;
    if (code !== undefined && code > 255) code = undefined;
    length = 3;
  } else return undefined;
  if (code === undefined || code === 0 || code > 0x10ffff) return undefined;
  return { char: String.fromCodePoint(code), length };
}
