/**
 * Source positions. Every value a rule judges carries one, so every finding has a
 * file, a line and a column without the rule ever computing them.
 */

/** A range in a file: 1-based lines and columns, end inclusive of the last character's column + 1. */
export interface Location {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * A value and where it was written. `dynamic` marks a value that could not be
 * resolved (a shell or compose variable, an ARG without default): rules treat it as
 * unknown, never as a violation.
 */
export interface Located<T> {
  value: T;
  loc: Location;
  dynamic?: boolean;
}

/** Builds a `Located` value. */
export function located<T>(value: T, loc: Location, dynamic?: boolean): Located<T> {
  return dynamic ? { value, loc, dynamic } : { value, loc };
}

/**
 * Maps character offsets of one text to 1-based line/column positions.
 * The line table is built once per file, on first use.
 *
 * @example
 * const lines = new LineIndex('a\nbc');
 * lines.position(3); // { line: 2, column: 2 }
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private table(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.starts = starts;
    return starts;
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.table();
    const lo = lineIndexOf(starts, offset);
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The 0-based offset where a 1-based line starts. */
  lineStart(line: number): number {
    const starts = this.table();
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))]!;
  }

  get lineCount(): number {
    return this.table().length;
  }

  /** The text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const starts = this.table();
    if (line < 1 || line > starts.length) return '';
    const start = starts[line - 1]!;
    const end = line < starts.length ? starts[line]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  /** A Location for the half-open offset range [start, end). */
  range(file: string, start: number, end: number): Location {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { file, startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }
}

/** A location covering one whole line range when nothing finer is known. */
export function lineLocation(file: string, line: number, column = 1, endLine = line, endColumn = column): Location {
  return { file, startLine: line, startColumn: column, endLine, endColumn };
}

/** Orders locations by file, then position. */
export function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.startLine - b.startLine || a.startColumn - b.startColumn || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

/** 0-based index of the line holding `offset`, given the sorted offsets at which lines start. */
export function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
