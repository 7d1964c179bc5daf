/**
 * Kubernetes (go-yaml, like libyaml) reads a multi-line quoted scalar or flow
 * collection whose continuation lines sit at, or left of, their key's indentation:
 *
 *     command: "echo one
 *     two"
 *
 * js-yaml follows the YAML 1.2 text and stops with "deficient indentation". Such
 * files are applied by kubectl every day, so stopping there would be a false error.
 * Inside a quoted scalar or a flow collection a continuation line's leading
 * whitespace is folded away, so indenting that line further changes no value: we
 * indent the line the parser complained about and parse again, a bounded number
 * of times, and map offsets in the re-indented text back to the file as written.
 */

/** Spaces inserted before an original offset (always a line start). */
interface Insertion {
  at: number;
  count: number;
}

/** How often one file may be re-indented and parsed again. */
export const MAX_REPAIRS = 32;

export class IndentationRepair {
  private insertions: Insertion[] = [];
  private repairsByLine = new Map<number, number>();
  text: string;

  constructor(readonly original: string) {
    this.text = original;
  }

  get repaired(): boolean {
    return this.insertions.length > 0;
  }

  /**
   * Re-indents the 0-based `line` of the current text, which the parser found
   * deficiently indented; false when the budget is spent.
   */
  reindent(line: number): boolean {
    if (this.insertions.length >= MAX_REPAIRS) return false;
    const text = this.text;
    const start = lineStart(text, line);
    if (start === undefined) return false;
    const current = leadingSpaces(text, start);
    const times = (this.repairsByLine.get(line) ?? 0) + 1;
    this.repairsByLine.set(line, times);
    // Deep enough for the node it continues: past the opening quote or bracket on the
    // line before, or one more than that line's indentation; deeper on each retry.
    let target = current + 1;
    const previous = previousContentLine(text, start);
    if (previous !== undefined) {
      const prevIndent = leadingSpaces(text, previous.start);
      const opener = previous.text.search(/["'[{]/);
      target = Math.max(target, prevIndent + 1, opener === -1 ? 0 : opener + 1);
    }
    target += (times - 1) * 8;
    const count = target - current;
    this.text = text.slice(0, start) + ' '.repeat(count) + text.slice(start);
    this.insertions.push({ at: this.toOriginal(start), count });
    this.insertions.sort((a, b) => a.at - b.at);
    return true;
  }

  /** The offset in the file as written of an offset in the re-indented text. */
  toOriginal(offset: number): number {
    let shift = 0;
    for (const ins of this.insertions) {
      const at = ins.at + shift;
      if (offset < at) break;
      if (offset < at + ins.count) return ins.at;
      shift += ins.count;
    }
    return offset - shift;
  }

  /** The 0-based offset in the re-indented text of a 0-based line and column. */
  offsetOf(line: number, column: number): number {
    return (lineStart(this.text, line) ?? this.text.length) + column;
  }
}

function lineStart(text: string, line: number): number | undefined {
  let at = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return undefined;
    at = nl + 1;
  }
  return at;
}

function leadingSpaces(text: string, start: number): number {
  let i = start;
  while (text[i] === ' ') i++;
  return i - start;
}

/** The nearest line before `start` with something other than whitespace. */
function previousContentLine(text: string, start: number): { start: number; text: string } | undefined {
  let end = start - 1;
  while (end > 0) {
    const begin = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(begin, end);
    if (line.trim() !== '') return { start: begin, text: line };
    end = begin - 1;
  }
  return undefined;
}
