/**
 * A file's text with its line index, shared by every parser and by suppression
 * comments, so a file is read and indexed once.
 */
import { LineIndex, type Location } from '../model/location.js';

export interface SourceFile {
  /** Path as the user named it (or `<stdin>`). */
  path: string;
  text: string;
  lines: LineIndex;
  /** Set when a scan let the text go after checking the file (scan/slim-model.ts): read it again to use it. */
  dropped?: true;
}

export function sourceFile(path: string, text: string): SourceFile {
  return { path, text, lines: new LineIndex(text) };
}

/** Location of the half-open offset range [start, end) in `src`. */
export function rangeLoc(src: SourceFile, start: number, end: number): Location {
  return src.lines.range(src.path, start, end);
}
