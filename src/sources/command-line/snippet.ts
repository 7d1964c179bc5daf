/**
 * A piece of shell cut out of a larger file (a Markdown block, a Makefile recipe, a
 * systemd `ExecStart=`), with the map back to file offsets, so every word found in
 * it is located in the file the user edits.
 */

export interface Snippet {
  text: string;
  /** Sorted `[snippetOffset, fileOffset]` anchors: text between anchors is copied 1:1. */
  anchors: [number, number][];
  /**
   * Shell examples (Markdown blocks, Makefile recipes) rather than a script: a line
   * that does not parse costs that line, as a warning, never the whole snippet.
   */
  lenient?: boolean;
}

/**
 * Builds a snippet from pieces of a file.
 *
 * @example
 * const b = new SnippetBuilder();
 * b.add('podman run x', 120); // copied from offset 120 of the file
 * b.build().text; // 'podman run x'
 */
export class SnippetBuilder {
  private text = '';
  private readonly anchors: [number, number][] = [];

  /** Appends text that sits at `fileOffset` in the file. */
  add(text: string, fileOffset: number): this {
    this.anchors.push([this.text.length, fileOffset]);
    this.text += text;
    return this;
  }

  get length(): number {
    return this.text.length;
  }

  build(): Snippet {
    return { text: this.text, anchors: this.anchors.length ? this.anchors : [[0, 0]] };
  }
}

/** A snippet that is the whole file. */
export function wholeFile(text: string): Snippet {
  return { text, anchors: [[0, 0]] };
}

/** The file offset of a snippet offset. */
export function toFileOffset(snippet: Snippet, offset: number): number {
  const anchors = snippet.anchors;
  let lo = 0;
  let hi = anchors.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (anchors[mid]![0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const [snip, file] = anchors[lo]!;
  return file + (offset - snip);
}

/** The file range of a snippet range; an end offset maps from its last character. */
export function toFileRange(snippet: Snippet, start: number, end: number): [number, number] {
  const s = toFileOffset(snippet, start);
  const e = end > start ? toFileOffset(snippet, end - 1) + 1 : s;
  return [s, e];
}

/** The part [start, end) of a snippet, still mapped to the file. */
export function subSnippet(snippet: Snippet, start: number, end: number): Snippet {
  const anchors: [number, number][] = [[0, toFileOffset(snippet, start)]];
  for (const [snip, file] of snippet.anchors) if (snip > start && snip < end) anchors.push([snip - start, file]);
  return { text: snippet.text.slice(start, end), anchors };
}
