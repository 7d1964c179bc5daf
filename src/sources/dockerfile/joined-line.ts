/**
 * A logical Dockerfile line: physical lines joined as buildkit joins them
 * (continuation characters and comment lines dropped), remembering for each
 * character where it was written, so tokens of the joined text map back to the file.
 */
import type { AstToken } from './dockerfile-ast.js';

/**
 * @example
 * const line = new JoinedLine();
 * line.append('RUN a \\\n  b', 0, 6); // 'RUN a '
 * line.append('RUN a \\\n  b', 8, 3); // '  b'
 * line.slice(8, 9); // { value: 'b', start: 10, end: 11 }
 */
export class JoinedLine {
  text = '';
  private readonly offsets: number[] = [];
  /** Source offset just after the last appended character. */
  private endOffset = 0;

  /** Appends `length` characters of `source` starting at `start`. */
  append(source: string, start: number, length: number): void {
    if (this.offsets.length === 0) this.endOffset = start;
    this.text += source.slice(start, start + length);
    for (let i = 0; i < length; i++) this.offsets.push(start + i);
    if (length > 0) this.endOffset = start + length;
  }

  /** Source offset of joined index `i` (the end of the text maps past its last character). */
  source(i: number): number {
    return i < this.offsets.length ? this.offsets[i]! : this.endOffset;
  }

  /** A token for the joined range [start, end). */
  token(value: string, start: number, end: number): AstToken {
    const from = this.source(start);
    const to = end > start ? this.source(end - 1) + 1 : from;
    return { value, start: from, end: to };
  }

  /** A token whose value is the joined text [start, end). */
  slice(start: number, end: number): AstToken {
    return this.token(this.text.slice(start, end), start, end);
  }
}
