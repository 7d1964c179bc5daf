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
 * Splits a list value into words the way systemd does: whitespace separates,
 * `"…"` and `'…'` quote, `\` escapes. Words without escapes keep exact positions.
 *
 * @example
 * splitWords(span('A=1 "B=two words"')).map((w) => w.value); // ['A=1', 'B=two words']
 */
export function splitWords(span: TextSpan, onUnclosedQuote?: (at: TextSpan) => void): TextSpan[] {
  const words: TextSpan[] = [];
  const text = span.value;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    let escaped = false;
    let quoted = false;
    while (i < text.length && !/\s/.test(text[i]!)) {
      const ch = text[i]!;
      if (ch === '"' || ch === "'") {
        quoted = true;
        let close = i + 1;
        while (close < text.length && text[close] !== ch) close += ch === '"' && text[close] === '\\' ? 2 : 1;
        if (close >= text.length) onUnclosedQuote?.(span.sub(i, i + 1));
        const end = Math.min(close, text.length);
        const inner = text.slice(i + 1, end);
        if (ch === '"' && inner.includes('\\')) escaped = true;
        value += ch === '"' ? inner.replace(/\\(.)/g, '$1') : inner;
        i = end + 1;
      } else if (ch === '\\' && i + 1 < text.length) {
        escaped = true;
        value += text[i + 1];
        i += 2;
      } else {
        value += ch;
        i++;
      }
    }
    const written = text.slice(start, Math.min(i, text.length));
    if (!escaped && !quoted) words.push(span.sub(start, start + value.length));
    else if (!escaped && written.length === value.length + 2 && /^(["']).*\1$/s.test(written)) words.push(span.sub(start + 1, start + 1 + value.length));
    else words.push(looseSpan(value, span.sub(start, Math.min(i, text.length)).loc, span.dynamic));
  }
  return words;
}
