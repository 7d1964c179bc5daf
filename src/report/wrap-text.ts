/**
 * Word wrapping for the text report: lines fit the terminal, words are never cut
 * (a word longer than the line stands alone), continuation lines are indented.
 */

/**
 * Wraps `text` to `width` columns when the first line already holds `used`
 * columns (a prefix the caller writes); later lines start with `indent`.
 *
 * @example
 * wrapText('Set privileged: false and drop every capability.', 24, '    ', 4);
 * // ['Set privileged: false', '    and drop every', '    capability.']
 */
export function wrapText(text: string, width: number | undefined, indent: string, used = 0): string[] {
  if (!width || used + text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  // Columns taken before `line` on the current line: the caller's prefix, then the indent.
  let before = used;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (line === '' && lines.length === 0 && before > indent.length && before + word.length > width) {
      // Not even the first word fits after the prefix: start on the next line.
      lines.push('');
      line = word;
      before = indent.length;
    } else if (line !== '' && before + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
      before = indent.length;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l));
}
