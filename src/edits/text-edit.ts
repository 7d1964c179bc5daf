/**
 * Text edits: a range of the original text and its replacement — what every
 * source turns edit operations into, so a fixed file is the original with a few
 * spans changed, never a re-serialization.
 */

export interface TextEdit {
  /** 0-based offset where the replaced text starts. */
  start: number;
  /** 0-based offset just past the replaced text (`start` for an insertion). */
  end: number;
  text: string;
}

/**
 * Applies edits to a text. Edits are applied from the end backwards so offsets
 * stay valid; an edit that overlaps one already taken is dropped (its fix can be
 * made by a second pass), as ESLint's fixer does.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  let reach = -1;
  for (const edit of sorted) {
    if (edit.start < reach) continue;
    kept.push(edit);
    reach = Math.max(edit.end, edit.start === edit.end ? edit.start : edit.end);
  }
  let out = text;
  for (let k = kept.length - 1; k >= 0; k--) {
    const edit = kept[k]!;
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

const BOM = '\uFEFF';

/**
 * Runs an editor on a text without its byte-order mark and puts the mark back:
 * columns (and so indentation) are counted from the real start of a line.
 */
export function withoutBom(text: string, edit: (text: string) => string): string {
  if (!text.startsWith(BOM)) return edit(text);
  return BOM + edit(text.slice(1));
}

/** The line ending a text uses at `offset` (CRLF files get CRLF lines). */
export function lineEndingAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  if (nl > 0 && text[nl - 1] === '\r') return '\r\n';
  if (nl === -1) {
    const before = text.lastIndexOf('\n', offset);
    if (before > 0 && text[before - 1] === '\r') return '\r\n';
  }
  return '\n';
}

/** Offset of the start of the line after `offset` (the text's length when none). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
