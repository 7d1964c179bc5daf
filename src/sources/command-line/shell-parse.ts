/**
 * Shell parsing for run lines: mvdan/sh's parser (the one behind shfmt, via the
 * `mvdan-sh` package) turns a script into simple commands whose words carry their
 * literal value, whether any part is unknown until run time (`$VAR`, `$(cmd)`), and
 * their offsets in the file. See README.md for why this parser.
 */
import { createRequire } from 'node:module';
import type { ShNode, ShSyntax } from 'mvdan-sh';
import { readWord, unescapeAnsiC } from './shell-word.js';
import { spend } from '../../scan/file-budget.js';

/** One shell word: its value after quote removal, and where it is written. */
export interface ShellWord {
  /** The value as the shell would pass it; unknown parts are kept as written. */
  value: string;
  /** The text as written, quotes included. */
  raw: string;
  /** True when part of the value is only known at run time (a variable, `$(…)`, a glob). */
  dynamic: boolean;
  /** 0-based offsets in the parsed text (UTF-16 units, like JavaScript strings). */
  start: number;
  end: number;
}

/** A simple command (`CallExpr`): its words, assignments excluded. */
export interface ShellCommand {
  words: ShellWord[];
}

/** A syntax error with the offset it was found at. */
export interface ShellSyntaxError {
  message: string;
  offset: number;
}

export interface ShellParseResult {
  commands: ShellCommand[];
  error?: ShellSyntaxError;
}

let syntax: ShSyntax | undefined;

/** Loads the parser on first use: it is 1.5 MB of JavaScript, and most scans never need it. */
function shellSyntax(): ShSyntax {
  if (!syntax) {
    const require = createRequire(import.meta.url);
    syntax = (require('mvdan-sh') as { syntax: ShSyntax }).syntax;
  }
  return syntax;
}

let parser: ReturnType<ShSyntax['NewParser']> | undefined;

/**
 * Parses a Bash script and returns every simple command in it, nested ones
 * (`if`, loops, functions, `$(…)`, pipelines) included, in source order.
 * Never throws for bad input: a syntax error comes back in `error`. With `only`,
 * just the commands whose text matches it are returned (much faster on long scripts).
 *
 * @example
 * parseShell('sudo podman run --rm "$IMG"').commands[0].words.map((w) => w.value);
 * // ['sudo', 'podman', 'run', '--rm', '$IMG']
 */
export function parseShell(text: string, only?: RegExp): ShellParseResult {
  const sh = shellSyntax();
  parser ??= sh.NewParser(sh.KeepComments(false), sh.Variant(sh.LangBash));
  const toChar = offsetMapper(text);
  let file: ShNode;
  try {
    file = parser.Parse(text, '');
  } catch (error) {
    // A fresh parser after an error: mvdan's parser keeps state from a failed run.
    parser = undefined;
    return { commands: [], error: toSyntaxError(error, toChar) };
  }
  const commands = fastPathWorks() ? callsFromInternals(file, text, toChar) : callsFromWalk(file, text, toChar, sh, only);
  if (only) {
    const hits = occurrences(text, only)!;
    const keep = commands.filter((c) => hitWithin(hits, c.words[0]!.start, c.words.at(-1)!.end));
    commands.length = 0;
    commands.push(...keep);
  }
  commands.sort((a, b) => a.words[0]!.start - b.words[0]!.start);
  return { commands };
}

function toSyntaxError(error: unknown, toChar: (byte: number) => number): ShellSyntaxError {
  const e = error as { Text?: string; Pos?: { Offset?: () => number }; message?: string; Feature?: string } | undefined;
  const offset = typeof e?.Pos?.Offset === 'function' ? toChar(e.Pos.Offset()) : 0;
  const message = e?.Text ?? (e?.Feature ? `${e.Feature} is not supported` : String(e?.message ?? error));
  return { message, offset };
}

/**
 * The public way through the tree: `syntax.Walk` and wrapped nodes. Every node
 * that crosses from GopherJS into JavaScript gets a wrapper, which makes this
 * slow; it is the fallback when the fast path's self-check fails.
 */
function callsFromWalk(file: ShNode, text: string, toChar: (byte: number) => number, sh: ShSyntax, only: RegExp | undefined): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const hits = occurrences(text, only);
  const relevant = (node: ShNode): boolean => {
    if (!hits) return true;
    const start = toChar(node.Pos().Offset());
    const end = toChar(node.End().Offset());
    return hitWithin(hits, start, end);
  };
  sh.Walk(file, (node) => {
    if (!node) return true;
    if (!relevant(node)) return false;
    if (sh.NodeType(node) === 'CallExpr') {
      const args = node['Args'] as ShNode[] | null;
      if (args && args.length) commands.push({ words: args.map((w) => toWord(w, text, toChar, sh)) });
    }
    return true;
  });
  return commands;
}

/** A GopherJS value as it is inside the package: Go structs, pointers and slices. */
type GoValue = { [field: string]: unknown; constructor: { string?: string } };

/**
 * The fast way: read the parser's own Go structures (GopherJS keeps them on
 * `__internal_object__`), find every `*syntax.CallExpr`, and take only each
 * argument word's start offset from them; `readWord` reads the word from the text.
 * No node crosses into JavaScript, which is ~1000× cheaper than `Walk`.
 */
function callsFromInternals(file: ShNode, text: string, toChar: (byte: number) => number): ShellCommand[] {
  const root = (file as unknown as { __internal_object__: unknown }).__internal_object__;
  const commands: ShellCommand[] = [];
  const seen = new Set<object>();
  // Each entry: a Go value, and whether it sits inside a `…` substitution (whose
  // words end at the closing backtick).
  const stack: [unknown, boolean][] = [[root, false]];
  // The per-file time budget (scan/file-budget.ts): a script's tree can hold millions
  // of values, so one unit is 64 of them, counted here in a local.
  let untilSpend = 64;
  while (stack.length) {
    const [o, inBackquotes] = stack.pop()!;
    if (--untilSpend === 0) {
      untilSpend = 64;
      spend();
    }
    if (!o || typeof o !== 'object' || seen.has(o)) continue;
    seen.add(o);
    const value = o as GoValue;
    if ('$array' in value && '$length' in value) {
      const array = value['$array'] as unknown[];
      if (ArrayBuffer.isView(array)) continue;
      const offset = value['$offset'] as number;
      const length = value['$length'] as number;
      for (let k = 0; k < length; k++) stack.push([array[offset + k], inBackquotes]);
      continue;
    }
    if (value.constructor?.string === '*syntax.CallExpr') {
      const args = value['Args'] as GoValue | null;
      const words: ShellWord[] = [];
      const length = (args?.['$length'] as number | undefined) ?? 0;
      for (let k = 0; k < length; k++) {
        const word = (args!['$array'] as GoValue[])[(args!['$offset'] as number) + k]!;
        const start = wordStart(word);
        if (start !== undefined) words.push(readWord(text, toChar(start), inBackquotes));
      }
      if (words.length) commands.push({ words });
    }
    const backquoted = inBackquotes || (value.constructor?.string === '*syntax.CmdSubst' && value['Backquotes'] === true);
    for (const key of Object.keys(value)) {
      if (key[0] === '$') continue;
      const child = value[key];
      if (child && typeof child === 'object') stack.push([child, backquoted]);
    }
  }
  return commands;
}

/** The byte offset where a `*syntax.Word` starts: its first part's position. */
function wordStart(word: GoValue): number | undefined {
  const parts = word['Parts'] as GoValue | undefined;
  if (!parts || !(parts['$length'] as number)) return undefined;
  const first = (parts['$array'] as GoValue[])[parts['$offset'] as number]!;
  for (const field of ['ValuePos', 'Left', 'Dollar', 'OpPos', 'Lparen']) {
    const pos = first[field] as { offs?: number } | undefined;
    if (pos && typeof pos === 'object' && typeof pos.offs === 'number') return pos.offs;
  }
  return undefined;
}

let fastPath: boolean | undefined;

/**
 * Checks once that the parser's internals still look as `callsFromInternals`
 * expects (they belong to mvdan-sh 0.10.1), by comparing both paths on a sample.
 */
function fastPathWorks(): boolean {
  if (fastPath !== undefined) return fastPath;
  fastPath = false;
  try {
    const sample = `a=$(podman run -e "X=$Y" $'t\\n' 'q' \${Z:-1} "é" ~/x) ; if true; then echo \\ b; fi`;
    const sh = shellSyntax();
    const file = sh.NewParser(sh.KeepComments(false), sh.Variant(sh.LangBash)).Parse(sample, '');
    const toChar = offsetMapper(sample);
    const fast = JSON.stringify(callsFromInternals(file, sample, toChar).sort((a, b) => a.words[0]!.start - b.words[0]!.start));
    const slow = JSON.stringify(callsFromWalk(file, sample, toChar, sh, undefined).sort((a, b) => a.words[0]!.start - b.words[0]!.start));
    fastPath = fast === slow;
  } catch {
    fastPath = false;
  }
  return fastPath;
}

/** For tests: both paths over the same text. */
export function parseShellBothWays(text: string): { fast: ShellCommand[]; slow: ShellCommand[] } | undefined {
  const sh = shellSyntax();
  let file: ShNode;
  try {
    file = sh.NewParser(sh.KeepComments(false), sh.Variant(sh.LangBash)).Parse(text, '');
  } catch {
    return undefined;
  }
  const toChar = offsetMapper(text);
  const order = (c: ShellCommand[]) => c.sort((a, b) => a.words[0]!.start - b.words[0]!.start);
  return { fast: order(callsFromInternals(file, text, toChar)), slow: order(callsFromWalk(file, text, toChar, sh, undefined)) };
}

/**
 * Whether a sorted list of offsets has one in [start, end): a binary search, since
 * a script of 100k commands has as many hits (a scan of them per command was
 * quadratic).
 */
function hitWithin(hits: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hits[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < hits.length && hits[lo]! < end;
}

/** Offsets where `pattern` matches in `text`, or undefined for "everywhere". */
function occurrences(text: string, pattern: RegExp | undefined): number[] | undefined {
  if (!pattern) return undefined;
  const flags = pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g';
  return [...text.matchAll(new RegExp(pattern.source, flags))].map((m) => m.index);
}

/** mvdan/sh counts UTF-8 bytes; JavaScript strings count UTF-16 units. */
function offsetMapper(text: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return (byte) => byte;
  const table: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) table.push(i);
    if (code >= 0x10000) i++;
  }
  return (byte) => (byte >= table.length ? text.length : table[byte]!);
}

function toWord(word: ShNode, text: string, toChar: (byte: number) => number, sh: ShSyntax): ShellWord {
  const start = toChar(word.Pos().Offset());
  const end = toChar(word.End().Offset());
  const raw = text.slice(start, end);
  let value = '';
  let dynamic = false;
  for (const part of word['Parts'] as ShNode[]) {
    const piece = partValue(part, text, toChar, sh);
    value += piece.value;
    dynamic ||= piece.dynamic;
  }
  return { value, raw, dynamic, start, end };
}

function partValue(part: ShNode, text: string, toChar: (byte: number) => number, sh: ShSyntax): { value: string; dynamic: boolean } {
  switch (sh.NodeType(part)) {
    case 'Lit': {
      const lit = String(part['Value']);
      // A leading `~` and unquoted globs are expanded by the shell.
      return { value: unescapeUnquoted(lit), dynamic: /^~|[*?[]/.test(lit) };
    }
    case 'SglQuoted':
      return { value: part['Dollar'] ? unescapeAnsiC(String(part['Value'])) : String(part['Value']), dynamic: false };
    case 'DblQuoted': {
      let value = '';
      let dynamic = false;
      for (const inner of (part['Parts'] as ShNode[] | null) ?? []) {
        if (sh.NodeType(inner) === 'Lit') value += unescapeDoubleQuoted(String(inner['Value']));
        else {
          value += text.slice(toChar(inner.Pos().Offset()), toChar(inner.End().Offset()));
          dynamic = true;
        }
      }
      return { value, dynamic };
    }
    default:
      // Parameter expansion, command and arithmetic substitution, process substitution.
      return { value: text.slice(toChar(part.Pos().Offset()), toChar(part.End().Offset())), dynamic: true };
  }
}

function unescapeUnquoted(lit: string): string {
  return lit.includes('\\') ? lit.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1') : lit;
}

function unescapeDoubleQuoted(lit: string): string {
  return lit.includes('\\') ? lit.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1') : lit;
}

