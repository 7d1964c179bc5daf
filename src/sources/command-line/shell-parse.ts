/**
 * Shell parsing for run lines: mvdan/sh's parser (the one behind shfmt, via the
 * `mvdan-sh` package) turns a script into simple commands whose words carry their
 * literal value, whether any part is unknown until run time (`$VAR`, `$(cmd)`), and
 * their offsets in the file. See README.md for why this parser.
 */
import { createRequire } from 'node:module';
import type { ShNode, ShSyntax } from 'mvdan-sh';

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
 * Never throws for bad input: a syntax error comes back in `error`.
 *
 * @example
 * parseShell('sudo podman run --rm "$IMG"').commands[0].words.map((w) => w.value);
 * // ['sudo', 'podman', 'run', '--rm', '$IMG']
 */
export function parseShell(text: string): ShellParseResult {
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
  const commands: ShellCommand[] = [];
  sh.Walk(file, (node) => {
    if (node && sh.NodeType(node) === 'CallExpr') {
      const args = node['Args'] as ShNode[] | null;
      if (args && args.length) commands.push({ words: args.map((w) => toWord(w, text, toChar, sh)) });
    }
    return true;
  });
  commands.sort((a, b) => a.words[0]!.start - b.words[0]!.start);
  return { commands };
}

function toSyntaxError(error: unknown, toChar: (byte: number) => number): ShellSyntaxError {
  const e = error as { Text?: string; Pos?: { Offset?: () => number }; message?: string; Feature?: string } | undefined;
  const offset = typeof e?.Pos?.Offset === 'function' ? toChar(e.Pos.Offset()) : 0;
  const message = e?.Text ?? (e?.Feature ? `${e.Feature} is not supported` : String(e?.message ?? error));
  return { message, offset };
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

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };

function unescapeAnsiC(lit: string): string {
  return lit.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/gs, (whole, esc: string) => {
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return ANSI_C[esc] ?? whole;
  });
}
