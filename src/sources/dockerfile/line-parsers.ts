/**
 * Per-instruction argument parsers, after buildkit's `line_parsers.go`: each turns
 * the text after the keyword into buildkit's argument list (JSON items, words,
 * name/value triples), keeping buildkit's quirks so the dump agrees with it.
 */
import { SourceError } from '../source.js';
import type { AstInstruction, AstToken } from './dockerfile-ast.js';
import { goTrimSpaceBounds, isGoSpace } from './go-text.js';
import type { JoinedLine } from './joined-line.js';

/** What a line parser returns: buildkit's `Next` list and the JSON attribute. */
interface Parsed {
  args: AstToken[];
  json: boolean;
  trigger?: AstInstruction;
}

type LineParser = (line: JoinedLine, from: number, to: number, escape: string) => Parsed;

class NotStringArray extends Error {}

const ASCII_SPACE = /[\t\v\f\r ]/;

/**
 * Splits a joined line into keyword, flags and arguments (buildkit's
 * `newNodeFromLine`). Throws `SourceError` (without a line) for arguments buildkit rejects.
 *
 * @example
 * const line = new JoinedLine();
 * line.append('COPY --from=build /a /b', 0, 23);
 * parseInstructionLine(line, 0, 23, '\\').flags[0].value; // '--from=build'
 */
export function parseInstructionLine(line: JoinedLine, from: number, to: number, escape: string): AstInstruction {
  const text = line.text;
  const [s, e] = goTrimSpaceBounds(text, from, to);
  let cmdEnd = s;
  while (cmdEnd < e && !ASCII_SPACE.test(text[cmdEnd]!)) cmdEnd++;
  let restStart = e;
  let flags: AstToken[] = [];
  if (cmdEnd < e) {
    let argFrom = cmdEnd;
    while (argFrom < e && ASCII_SPACE.test(text[argFrom]!)) argFrom++;
    const extracted = extractBuilderFlags(line, argFrom, e);
    flags = extracted.flags;
    restStart = extracted.argsStart;
  }
  const [rs, re] = goTrimSpaceBounds(text, restStart, e);
  const cmd = line.slice(s, cmdEnd);
  const parser = DISPATCH.get(cmd.value.toLowerCase()) ?? parseIgnore;
  const parsed = parser(line, rs, re, escape);
  const instruction: AstInstruction = {
    cmd,
    flags,
    args: parsed.args,
    json: parsed.json,
    rest: line.slice(rs, re),
    heredocs: [],
    original: text.slice(from, to),
    startLine: 0,
    endLine: 0,
    start: line.source(s),
    end: e > s ? line.source(e - 1) + 1 : line.source(s),
  };
  if (parsed.trigger) instruction.trigger = parsed.trigger;
  return instruction;
}

/** `--flag[=value]` words before the arguments; `--` ends them. Quotes and `\` are removed. */
function extractBuilderFlags(line: JoinedLine, from: number, to: number): { argsStart: number; flags: AstToken[] } {
  const t = line.text;
  const flags: AstToken[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  let wordStart = from;
  for (let pos = from; pos <= to; pos++) {
    const ch = pos < to ? t[pos]! : '';
    if (phase === 'spaces') {
      if (pos === to) break;
      if (isGoSpace(ch)) continue;
      // Only words starting with -- are flags.
      if (ch !== '-' || pos + 1 === to || t[pos + 1] !== '-') return { argsStart: pos, flags };
      phase = 'word';
      wordStart = pos;
    }
    if (pos === to) {
      if (word !== '--' && (blankOK || word.length > 0)) flags.push(line.token(word, wordStart, pos));
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return { argsStart: pos, flags };
        if (blankOK || word.length > 0) flags.push(line.token(word, wordStart, pos));
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === to) continue;
        pos++;
        word += t[pos];
        continue;
      }
      word += ch;
      continue;
    }
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === to) {
        phase = 'word';
        continue;
      }
      pos++;
      word += t[pos];
      continue;
    }
    word += ch;
  }
  return { argsStart: to, flags };
}

/** Words separated by white space; quotes and escapes are kept in the words. */
function parseWords(line: JoinedLine, from: number, to: number, escape: string): AstToken[] {
  const t = line.text;
  const words: AstToken[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  let wordStart = from;
  let ch = '';
  for (let pos = from; pos <= to; pos += ch.length || 1) {
    if (pos !== to) ch = String.fromCodePoint(t.codePointAt(pos)!);
    if (phase === 'spaces') {
      if (pos === to) break;
      if (isGoSpace(ch)) continue;
      phase = 'word';
      wordStart = pos;
    }
    if (pos === to) {
      if (blankOK || word.length > 0) words.push(line.token(word, wordStart, pos));
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (blankOK || word.length > 0) words.push(line.token(word, wordStart, pos));
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        // An escape at the very end is dropped; otherwise it stays with the next character.
        if (pos + ch.length === to) continue;
        word += ch;
        pos += ch.length;
        ch = String.fromCodePoint(t.codePointAt(pos)!);
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + ch.length === to) {
        phase = 'word';
        continue;
      }
      pos += ch.length;
      word += ch;
      ch = String.fromCodePoint(t.codePointAt(pos)!);
    }
    word += ch;
  }
  return words;
}

/** Splits on buildkit's ASCII white space (`reWhitespace`). */
function splitWhitespace(line: JoinedLine, from: number, to: number): AstToken[] {
  const out: AstToken[] = [];
  let i = from;
  while (i <= to) {
    let j = i;
    while (j < to && !ASCII_SPACE.test(line.text[j]!)) j++;
    out.push(line.slice(i, j));
    if (j >= to) break;
    i = j;
    while (i < to && ASCII_SPACE.test(line.text[i]!)) i++;
  }
  return out;
}

/** The first ASCII white-space run in [from, to): [start, end], or undefined. */
function firstSpaceRun(text: string, from: number, to: number): [number, number] | undefined {
  let i = from;
  while (i < to && !ASCII_SPACE.test(text[i]!)) i++;
  if (i >= to) return undefined;
  let j = i;
  while (j < to && ASCII_SPACE.test(text[j]!)) j++;
  return [i, j];
}

const none: Parsed = { args: [], json: false };

const parseIgnore: LineParser = (line, from) => ({ args: [line.token('', from, from)], json: false });

const parseString: LineParser = (line, from, to) => (from === to ? none : { args: [line.slice(from, to)], json: false });

const parseStringsWhitespaceDelimited: LineParser = (line, from, to) =>
  from === to ? none : { args: splitWhitespace(line, from, to), json: false };

const parseNameOrNameVal: LineParser = (line, from, to, escape) => ({ args: parseWords(line, from, to, escape), json: false });

function parseNameVal(key: string): LineParser {
  return (line, from, to, escape) => {
    const words = parseWords(line, from, to, escape);
    if (words.length === 0) return none;
    // `KEY name value` (legacy) when the first word has no `=`.
    if (!words[0]!.value.includes('=')) {
      const run = firstSpaceRun(line.text, from, to);
      if (!run) throw new SourceError(`${key} must have two arguments`);
      return { args: [line.slice(from, run[0]), line.slice(run[1], to), line.token('', to, to)], json: false };
    }
    const args: AstToken[] = [];
    for (const word of words) {
      const eq = word.value.indexOf('=');
      if (eq < 0) throw new SourceError(`Syntax error - can't find = in ${JSON.stringify(word.value)}. Must be of the form: name=value`);
      args.push(
        { value: word.value.slice(0, eq), start: word.start, end: word.start + eq },
        { value: word.value.slice(eq + 1), start: word.start + eq + 1, end: Math.max(word.end, word.start + eq + 1) },
        { value: '=', start: word.start + eq, end: word.start + eq + 1 },
      );
    }
    return { args, json: false };
  };
}

/** A JSON array of strings, as Go's `json.Unmarshal` reads it; undefined when the text is not JSON. */
function parseJSON(line: JoinedLine, from: number, to: number): Parsed | undefined {
  const t = line.text;
  let s = from;
  while (s < to && isGoSpace(t[s]!)) s++;
  if (t[s] !== '[') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(t.slice(s, to));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  if (!value.every((item) => typeof item === 'string')) throw new NotStringArray();
  // The text is valid JSON: find each string's quotes for its location.
  const args: AstToken[] = [];
  let i = s + 1;
  for (const item of value as string[]) {
    while (t[i] !== '"') i++;
    const open = i++;
    while (t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
    args.push(line.token(item, open, ++i));
  }
  return { args, json: true };
}

const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

function jsonOr(fallback: LineParser): LineParser {
  return (line, from, to, escape) => {
    let parsed: Parsed | undefined;
    try {
      parsed = parseJSON(line, from, to);
    } catch (error) {
      if (error instanceof NotStringArray) throw new SourceError(NOT_STRINGS);
      throw error;
    }
    return parsed ?? fallback(line, from, to, escape);
  };
}

const parseMaybeJSON: LineParser = (line, from, to, escape) => (from === to ? none : jsonOr(parseString)(line, from, to, escape));

const parseMaybeJSONToList = jsonOr(parseStringsWhitespaceDelimited);

const parseHealthConfig: LineParser = (line, from, to, escape) => {
  let sep = from;
  while (sep < to && !isGoSpace(line.text[sep]!)) sep++;
  let next = sep;
  while (next < to && isGoSpace(line.text[next]!)) next++;
  if (sep === from) return none;
  const cmd = parseMaybeJSON(line, next, to, escape);
  return { args: [line.slice(from, sep), ...cmd.args], json: cmd.json };
};

const parseSubCommand: LineParser = (line, from, to, escape) =>
  from === to ? none : { args: [], json: false, trigger: parseInstructionLine(line, from, to, escape) };

const DISPATCH = new Map<string, LineParser>(Object.entries({
  add: parseMaybeJSONToList,
  arg: parseNameOrNameVal,
  cmd: parseMaybeJSON,
  copy: parseMaybeJSONToList,
  entrypoint: parseMaybeJSON,
  env: parseNameVal('ENV'),
  expose: parseStringsWhitespaceDelimited,
  from: parseStringsWhitespaceDelimited,
  healthcheck: parseHealthConfig,
  label: parseNameVal('LABEL'),
  maintainer: parseString,
  onbuild: parseSubCommand,
  run: parseMaybeJSON,
  shell: parseMaybeJSON,
  stopsignal: parseString,
  user: parseString,
  volume: parseMaybeJSONToList,
  workdir: parseString,
}));

/** Keywords buildkit knows; any other keyword is an error at build time. */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(DISPATCH.keys());
