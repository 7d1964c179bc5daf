/**
 * The Dockerfile parser: buildkit's algorithm (frontend/dockerfile/parser) over
 * physical lines — parser directives, continuation lines, comments inside
 * continuations, empty continuation lines, heredocs — producing the same tree as
 * buildkit, with source offsets on every token. Malformed input raises
 * `SourceError` with the line; nothing else is thrown.
 */
import { SourceError } from '../source.js';
import { spendLine } from '../../scan/file-budget.js';
import type { AstDirective, AstHeredoc, AstInstruction, DockerfileAst } from './dockerfile-ast.js';
import { isGoSpace } from './go-text.js';
import { JoinedLine } from './joined-line.js';
import { parseInstructionLine } from './line-parsers.js';
import { expandShellWord, ShellSyntaxError } from './shell-lexer.js';

/** `name =` of a directive; the value is taken by hand (a lazy regex is quadratic on long lines). */
const DIRECTIVE_NAME = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=/;
const GO_REGEXP_SPACE = /[\t\n\f\r ]/;
const VALID_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const CONTINUATION: Record<string, RegExp> = {
  '\\': /([^\\])\\[ \t]*$|^\\[ \t]*$/,
  '`': /([^`])`[ \t]*$|^`[ \t]*$/,
};
const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;
const HEREDOC_KEYWORDS = new Set(['add', 'copy', 'run']);
/** bufio.Scanner's limit, which buildkit reports as an error. */
const MAX_LINE_BYTES = 65535;

interface PhysicalLine {
  /** Offset of the first character. */
  start: number;
  /** Offset after the content, trailing CR/LF excluded. */
  end: number;
  /** Offset after the newline. */
  next: number;
}

/**
 * Parses a Dockerfile as buildkit does.
 * Throws `SourceError` with the 1-based line for files buildkit rejects.
 *
 * @example
 * const ast = parseDockerfile('FROM alpine\nRUN echo hi\n');
 * ast.instructions[1].args[0].value; // 'echo hi'
 */
export function parseDockerfile(text: string): DockerfileAst {
  const lines = physicalLines(text);
  const directives = new DirectiveParser();
  const instructions: AstInstruction[] = [];
  const warnings: DockerfileAst['warnings'] = [];
  let current = 0;
  let index = 0;

  while (index < lines.length) {
    spendLine(index + 1); // the per-file time budget (scan/file-budget.ts)
    const first = lines[index++]!;
    let start = first.start;
    if (current === 0 && text.charCodeAt(0) === 0xfeff) start++;
    while (start < first.end && isGoSpace(text[start]!)) start++;
    let token = text.slice(start, first.end);
    directives.parseLine(token, current + 1);
    if (isComment(token)) token = '';
    current++;
    const startLine = current;
    const column = start - first.start + 1;
    let lastEnd = first.end;
    let [kept, endOfLine] = trimContinuation(token, directives.escape);
    if (endOfLine && kept === 0) continue;
    const joined = new JoinedLine();
    joined.append(text, start, kept);

    let emptyContinuation = false;
    while (!endOfLine && index < lines.length) {
      const line = lines[index++]!;
      const content = text.slice(line.start, line.end);
      directives.parseLine(content, current + 1);
      current++;
      lastEnd = line.end;
      // Comment lines inside a continuation are dropped, as are blank ones (with a warning).
      if (isComment(content)) continue;
      if (isBlank(content)) {
        emptyContinuation = true;
        continue;
      }
      [kept, endOfLine] = trimContinuation(content, directives.escape);
      joined.append(text, line.start, kept);
    }
    if (emptyContinuation) warnings.push({ line: current, message: `Empty continuation line found in: ${joined.text}` });

    const instruction = atLines(startLine, column, current, () => parseInstructionLine(joined, 0, joined.text.length, directives.escape));
    if (canContainHeredoc(instruction) && joined.text.includes('<<')) {
      const heredocs = atLines(startLine, column, current, () => heredocsFromLine(joined.text));
      for (const heredoc of heredocs) {
        let terminated = false;
        heredoc.start = index < lines.length ? lines[index]!.start : text.length;
        while (index < lines.length) {
          const line = lines[index++]!;
          current++;
          lastEnd = line.end;
          let candidate = text.slice(line.start, line.end);
          if (heredoc.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === heredoc.name) {
            terminated = true;
            break;
          }
          heredoc.content += text.slice(line.start, line.next);
          heredoc.end = line.next;
        }
        if (!terminated) throw new SourceError(`unterminated heredoc ${heredoc.name}: no line "${heredoc.name}" before the end of the file`, startLine, column);
        instruction.heredocs.push(heredoc);
      }
    }
    instruction.startLine = startLine;
    instruction.endLine = current;
    instruction.end = Math.max(instruction.end, lastEnd);
    instructions.push(instruction);
  }

  if (instructions.length === 0) throw new SourceError('file with no instructions', Math.max(current, 1), 1);
  return { instructions, directives: directives.found, escape: directives.escape, warnings };
}

function physicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const next = nl < 0 ? text.length : nl + 1;
    let end = next;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    if (next - start > MAX_LINE_BYTES / 3 && Buffer.byteLength(text.slice(start, next)) > MAX_LINE_BYTES) {
      throw new SourceError(`dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`, lines.length + 1, 1);
    }
    lines.push({ start, end, next });
    start = next;
  }
  return lines;
}

/** Runs `parse`, giving a `SourceError` without position the instruction's lines. */
function atLines<T>(startLine: number, column: number, endLine: number, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SourceError && error.line !== undefined) throw error;
    const where = endLine > startLine ? ` (lines ${startLine}-${endLine})` : '';
    throw new SourceError(message + where, startLine, column);
  }
}

function isComment(line: string): boolean {
  let i = 0;
  while (i < line.length && isGoSpace(line[i]!)) i++;
  return line[i] === '#';
}

function isBlank(line: string): boolean {
  for (const ch of line) if (!isGoSpace(ch)) return false;
  return true;
}

/** Length of `line` without its continuation character, and whether the line ends the instruction. */
function trimContinuation(line: string, escape: string): [number, boolean] {
  const match = CONTINUATION[escape]!.exec(line);
  if (!match) return [line.length, true];
  return [match.index + (match[1]?.length ?? 0), false];
}

function canContainHeredoc(instruction: AstInstruction): boolean {
  const node = instruction.cmd.value.toLowerCase() === 'onbuild' && instruction.trigger ? instruction.trigger : instruction;
  return HEREDOC_KEYWORDS.has(node.cmd.value.toLowerCase()) && !node.json;
}

/** The heredocs an instruction opens (`<<EOF`, `<<-"EOF"`, `3<<EOF`), in order. */
function heredocsFromLine(line: string): AstHeredoc[] {
  const empty = new Map<string, string>();
  let words: string[];
  try {
    words = expandShellWord(line, empty, { rawQuotes: true, rawEscapes: true, skipUnset: true }).words;
  } catch {
    words = [];
  }
  const docs: AstHeredoc[] = [];
  for (const word of words) {
    const match = HEREDOC_WORD.exec(word);
    if (!match || match[3] === '') continue;
    const rest = match[3]!;
    try {
      const plain = expandShellWord(rest, empty, { skipUnset: true }).words;
      if (plain.length !== 1) continue;
      const raw = expandShellWord(rest, empty, { skipUnset: true, rawQuotes: true }).words;
      if (raw.length !== plain.length) throw new SourceError(`internal lexing of heredoc produced inconsistent results: ${rest}`);
      // A quoted delimiter (some quotes vanish when unquoted) turns expansion off.
      const quotes = (s: string): number => (s.match(/['"]/g) ?? []).length;
      docs.push({
        name: plain[0]!,
        content: '',
        expand: quotes(plain[0]!) === quotes(raw[0]!),
        chomp: match[2] === '-',
        fileDescriptor: Number.parseInt(match[1]!, 10) || 0,
        start: 0,
        end: 0,
      });
    } catch (error) {
      if (error instanceof ShellSyntaxError) throw new SourceError(`heredoc ${rest}: ${error.message}`);
      throw error;
    }
  }
  return docs;
}

/** Parser directives (`# escape=`, `# syntax=`, `# check=`): only at the top of the file. */
class DirectiveParser {
  escape = '\\';
  readonly found: AstDirective[] = [];
  private done = false;
  private readonly seen = new Set<string>();

  parseLine(line: string, lineNumber: number): void {
    if (this.done) return;
    if (!line.startsWith('#')) {
      this.done = true;
      return;
    }
    let i = 1;
    while (i < line.length && isGoSpace(line[i]!)) i++;
    const body = line.slice(i);
    const match = DIRECTIVE_NAME.exec(body);
    const name = match?.[1]?.toLowerCase();
    const value = match ? directiveValue(body, match[0].length) : undefined;
    if (!name || value === undefined || !VALID_DIRECTIVES.has(name)) {
      this.done = true;
      return;
    }
    if (this.seen.has(name)) throw new SourceError(`only one ${name} parser directive can be used`, lineNumber, 1);
    this.seen.add(name);
    if (name === 'escape') {
      if (value !== '`' && value !== '\\') throw new SourceError(`invalid escape token '${value}' does not match \` or \\`, lineNumber, 1);
      this.escape = value;
    }
    this.found.push({ name, value, line: lineNumber });
  }
}

/**
 * The value after `=`, as buildkit's `\s*=\s*(.+?)\s*$` takes it: surrounding white
 * space trimmed, but at least one character (a lone space when nothing else follows).
 */
function directiveValue(body: string, from: number): string | undefined {
  let start = from;
  while (start < body.length && GO_REGEXP_SPACE.test(body[start]!)) start++;
  let end = body.length;
  while (end > start && GO_REGEXP_SPACE.test(body[end - 1]!)) end--;
  if (end > start) return body.slice(start, end);
  return start > from ? body[start - 1] : undefined;
}
