/**
 * Variable expansion and word splitting as buildkit's `shell.Lex` does it for
 * Dockerfile instructions (`$VAR`, `${VAR:-default}`, `${VAR#pattern}`, quotes and
 * the escape token). Used for ARG expansion in FROM, ENV values and heredoc words.
 * Agrees with buildkit's `envVarTest` table (see the conformance test).
 */

/** An expansion the shell rules reject (`${}`, an unterminated quote, `${X:?}` on empty X). */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/** Where variable values come from: a Map, or layered scopes. */
export interface EnvLookup {
  get(name: string): string | undefined;
}

export interface ShellLexOptions {
  /** `\` or a backtick (from `# escape=`). */
  escape?: string;
  /** Keep quote characters in the output (buildkit's `RawQuotes`). */
  rawQuotes?: boolean;
  /** Keep escape characters in the output (`RawEscapes`). */
  rawEscapes?: boolean;
  /** Leave references to unset variables as written (`SkipUnsetEnv`). */
  skipUnset?: boolean;
}

export interface ShellResult {
  /** The expanded text, spaces between words kept. */
  word: string;
  /** The expanded text split into words, quotes taken into account. */
  words: string[];
  /** Variables that were referenced and set. */
  matched: Set<string>;
  /** Variables that were referenced but not set. */
  unmatched: Set<string>;
  /** Unset variables the result depends on: `$X` and `${X}`, but not `${X:-default}`. */
  unresolved: Set<string>;
}

/**
 * The most characters variable values may contribute to one expansion. buildkit has
 * no limit, so `ARG A=$A$A$A$A` repeated doubles (quadruples) without end; real
 * values are a few hundred characters, and 1 MiB keeps any file's expansion small.
 */
export const MAX_EXPANSION = 1024 * 1024;

/** An expansion past `MAX_EXPANSION`: the value is treated as unknown. */
export class ExpansionTooLongError extends ShellSyntaxError {
  constructor() {
    super(`variable expansion longer than ${MAX_EXPANSION} characters`);
    this.name = 'ExpansionTooLongError';
  }
}

const EOF = '';
const DIGIT = /^\p{Nd}$/u;
const LETTER = /^\p{L}$/u;
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/**
 * Expands `text` with `env` the way buildkit expands a Dockerfile word.
 * Throws `ShellSyntaxError` where buildkit reports an error.
 *
 * @example
 * expandShellWord('${A:-x}/y', new Map()).word; // 'x/y'
 */
export function expandShellWord(text: string, env: EnvLookup, options: ShellLexOptions = {}): ShellResult {
  const lexer = new ShellWord(text, env, options);
  const [word, words] = lexer.processStopOn(EOF, options.rawEscapes ?? false);
  return { word, words, matched: lexer.matched, unmatched: lexer.unmatched, unresolved: lexer.unresolved };
}

class Words {
  buf = '';
  words: string[] = [];
  inWord = false;

  addChar(ch: string): void {
    if (isUnicodeSpace(ch)) {
      if (this.inWord && this.buf.length !== 0) {
        this.words.push(this.buf);
        this.buf = '';
        this.inWord = false;
      }
    } else this.addRaw(ch);
  }

  addRaw(s: string): void {
    this.buf += s;
    this.inWord = true;
  }

  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }

  result(): string[] {
    if (this.buf.length > 0) {
      this.words.push(this.buf);
      this.buf = '';
      this.inWord = false;
    }
    return this.words;
  }
}

function isUnicodeSpace(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

class ShellWord {
  private readonly chars: string[];
  private pos = 0;
  private rawEscapes: boolean;
  private readonly escape: string;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  readonly unresolved = new Set<string>();
  private expanded = 0;

  constructor(
    text: string,
    private readonly env: EnvLookup,
    private readonly options: ShellLexOptions,
  ) {
    this.chars = Array.from(text);
    // Go's text/scanner skips a byte-order mark at the very start.
    if (this.chars[0] === '\uFEFF') this.pos = 1;
    this.escape = options.escape ?? '\\';
    this.rawEscapes = options.rawEscapes ?? false;
  }

  private peek(): string {
    return this.pos < this.chars.length ? this.chars[this.pos]! : EOF;
  }

  private next(): string {
    return this.pos < this.chars.length ? this.chars[this.pos++]! : EOF;
  }

  processStopOn(stop: string, rawEscapes: boolean): [string, string[]] {
    let result = '';
    const words = new Words();
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      while (this.peek() !== EOF) {
        let ch = this.peek();
        if (stop !== EOF && ch === stop) {
          this.next();
          return [result, words.result()];
        }
        if (ch === '$' || ch === "'" || ch === '"') {
          const tmp = ch === '$' ? this.processDollar() : ch === "'" ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          if (ch === '$') words.addString(tmp);
          else words.addRaw(tmp);
          continue;
        }
        ch = this.next();
        if (ch === this.escape) {
          if (this.rawEscapes) {
            words.addRaw(ch);
            result += ch;
          }
          // The escape token escapes the next character, except at the end.
          ch = this.next();
          if (ch === EOF) break;
          words.addRaw(ch);
        } else words.addChar(ch);
        result += ch;
      }
      if (stop !== EOF) throw new ShellSyntaxError(`unexpected end of statement while looking for matching ${stop}`);
      return [result, words.result()];
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processSingleQuote(): string {
    // Everything up to the next ' is literal; a ' cannot be escaped inside.
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += open;
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw new ShellSyntaxError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.options.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    // Literal except $ and the escape token, which escapes only " $ and itself.
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += open;
    for (;;) {
      const peek = this.peek();
      if (peek === EOF) throw new ShellSyntaxError('unexpected end of statement while looking for matching double-quote');
      if (peek === '"') {
        const ch = this.next();
        if (this.options.rawQuotes) result += ch;
        return result;
      }
      if (peek === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === this.escape) {
        if (this.rawEscapes) result += ch;
        const after = this.peek();
        if (after === EOF) continue;
        if (after === '"' || after === '$' || after === this.escape) ch = this.next();
      }
      result += ch;
    }
  }

  private lookup(name: string, defaulted = false): string | undefined {
    const value = this.env.get(name);
    if (value === undefined) {
      this.unmatched.add(name);
      if (!defaulted) this.unresolved.add(name);
    } else {
      this.matched.add(name);
      this.expanded += value.length;
      if (this.expanded > MAX_EXPANSION) throw new ExpansionTooLongError();
    }
    return value;
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnset) return '$' + name;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new ShellSyntaxError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ShellSyntaxError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let chs = ch;
    let nullIsUnset = false;
    if (ch === '}') {
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnset) return `\${${name}}`;
      return value ?? '';
    }
    if (ch === ':' || (ch !== EOF && '+-?#%'.includes(ch))) {
      if (ch === ':') {
        nullIsUnset = true;
        ch = this.next();
        chs += ch;
      }
      return this.processModifier(name, ch, chs, nullIsUnset);
    }
    if (ch === '/') return this.processReplace(name);
    throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`);
  }

  /** `${name:-word}`, `${name+word}`, `${name:?msg}`, `${name#pattern}`, `${name%%pattern}`… */
  private processModifier(name: string, ch: string, chs: string, nullIsUnset: boolean): string {
    const patternMode = ch === '#' || ch === '%';
    if (nullIsUnset && patternMode) throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`);
    let word: string;
    try {
      word = this.processStopOn('}', patternMode)[0];
    } catch (error) {
      if (this.peek() === EOF) throw new ShellSyntaxError("syntax error: missing '}'");
      throw error;
    }
    const value = this.lookup(name, ch === '-');
    if (this.options.skipUnset && value === undefined) return `\${${name}${chs}${word}}`;
    switch (ch) {
      case '-':
        return value === undefined || (nullIsUnset && value === '') ? word : value;
      case '+':
        return value === undefined || (nullIsUnset && value === '') ? '' : word;
      case '?':
        if (value === undefined) throw new ShellSyntaxError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (nullIsUnset && value === '') throw new ShellSyntaxError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '%':
      case '#': {
        // One % or # trims the shortest match, a doubled one the longest.
        const greedy = word.startsWith(ch);
        const pattern = greedy ? word.slice(1) : word;
        return ch === '%' ? trimSuffix(pattern, value ?? '', greedy) : trimPrefix(pattern, value ?? '', greedy);
      }
      default:
        throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`);
    }
  }

  /** `${name/pattern/replacement}` and `${name//pattern/replacement}`. */
  private processReplace(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    let pattern: string;
    let replacement: string;
    try {
      pattern = this.processStopOn('/', true)[0];
    } catch (error) {
      if (this.peek() === EOF) throw new ShellSyntaxError("syntax error: missing '/' in ${}");
      throw error;
    }
    try {
      replacement = this.processStopOn('}', true)[0];
    } catch (error) {
      if (this.peek() === EOF) throw new ShellSyntaxError("syntax error: missing '}'");
      throw error;
    }
    const value = this.lookup(name);
    if (this.options.skipUnset && value === undefined) return `\${${name}/${pattern}/${replacement}}`;
    const re = shellPatternToRegExp(pattern, true, false, all);
    return (value ?? '').replace(re, () => replacement);
  }

  private processName(): string {
    // A name is letters, digits and _; a leading digit reads digits only ($1, $001).
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && DIGIT.test(ch)) {
        while (this.peek() !== EOF && DIGIT.test(this.peek())) name += this.next();
        return name;
      }
      if (name.length === 0 && SPECIAL_PARAMS.has(ch)) return this.next();
      if (!LETTER.test(ch) && !DIGIT.test(ch) && ch !== '_') break;
      name += this.next();
    }
    return name;
  }
}

/** A shell wildcard pattern (`*`, `?`, `\`-escapes, no brackets) as a RegExp. */
function shellPatternToRegExp(pattern: string, greedy: boolean, anchored: boolean, global = false): RegExp {
  const chars = Array.from(pattern);
  let out = anchored ? '^' : '';
  for (let i = 0; i < chars.length; i++) {
    const tok = chars[i]!;
    if (tok === '*') out += greedy ? '[^]*' : '[^]*?';
    else if (tok === '?') out += '[^\\n]';
    else if (tok === '\\') {
      const next = chars[i + 1];
      // `\}` and `\/` escape the ${} syntax, not the pattern.
      if (next === '}' || next === '/') continue;
      i++;
      if (next !== '*' && next !== '?' && next !== '\\') throw new ShellSyntaxError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${next ?? ''}'`);
      out += '\\' + next;
    } else if ('[]{}.+()|^$/'.includes(tok)) out += '\\' + tok;
    else out += tok;
  }
  return new RegExp(out, global ? 'gu' : 'u');
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const match = shellPatternToRegExp(pattern, greedy, true).exec(value);
  return match ? value.slice(match[0].length) : value;
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  // Regular expressions find leftmost matches: reverse pattern and value instead.
  const reversed = reversePattern(pattern);
  const word = Array.from(value).reverse().join('');
  return Array.from(trimPrefix(reversed, word, greedy)).reverse().join('');
}

function reversePattern(pattern: string): string {
  const runes = Array.from(pattern);
  const out: string[] = new Array(runes.length);
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const at = last - i;
    if (runes[i] === '\\' && i !== last) {
      out[at - 1] = '\\';
      out[at] = runes[i + 1]!;
      i += 2;
    } else {
      out[at] = runes[i]!;
      i++;
    }
  }
  return out.join('');
}
