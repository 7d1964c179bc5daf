/**
 * Reads one shell word from the text, starting where the parser says it starts:
 * where it ends, its value after quote removal, and whether part of it is only
 * known at run time. The parser has already checked the syntax; this only walks
 * quotes, escapes and expansions the way the shell would remove them.
 */
import type { ShellWord } from './shell-parse.js';

const WORD_END = /[\s;&|<>()]/;

/**
 * The word at `start` of `text`. Inside a `` `…` `` substitution a backtick ends it.
 *
 * @example
 * readWord('run "a b"c x', 4); // { value: 'a bc', raw: '"a b"c', dynamic: false, start: 4, end: 10 }
 */
export function readWord(text: string, start: number, inBackquotes = false): ShellWord {
  let i = start;
  let value = '';
  let dynamic = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (WORD_END.test(ch) || (inBackquotes && ch === '`')) break;
    if (ch === '\\') {
      if (text[i + 1] !== '\n') value += text[i + 1] ?? '';
      i += 2;
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      value += text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        const c = text[i]!;
        if (c === '\\' && '$`"\\\n'.includes(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') value += text[i + 1];
          i += 2;
        } else if (c === '$' || c === '`') {
          const end = skipExpansion(text, i);
          if (end === i + 1 && c === '$') value += '$';
          else {
            value += text.slice(i, end);
            dynamic = true;
          }
          i = end;
        } else {
          value += c;
          i++;
        }
      }
      i++;
    } else if (ch === '$' && text[i + 1] === "'") {
      const end = ansiEnd(text, i + 2);
      value += unescapeAnsiC(text.slice(i + 2, end));
      i = end + 1;
    } else if (ch === '$' || ch === '`') {
      const end = skipExpansion(text, i);
      if (end === i + 1 && ch === '$') value += '$';
      else {
        value += text.slice(i, end);
        dynamic = true;
      }
      i = end;
    } else {
      if ('*?['.includes(ch) || (ch === '~' && i === start)) dynamic = true;
      value += ch;
      i++;
    }
  }
  const end = Math.min(i, text.length);
  return { value, raw: text.slice(start, end), dynamic, start, end };
}

/** End (exclusive) of the expansion starting at `i` (`$x`, `${…}`, `$(…)`, `$((…))`, `` `…` ``). */
function skipExpansion(text: string, i: number): number {
  if (text[i] === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  const next = text[i + 1];
  if (next === '{') return skipBalanced(text, i + 1, '{', '}');
  if (next === '(') return skipBalanced(text, i + 1, '(', ')');
  const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(text.slice(i + 1, i + 65));
  return name ? i + 1 + name[0].length : i + 1;
}

/** End (exclusive) of a bracketed run starting at `open`, skipping quotes inside. */
function skipBalanced(text: string, at: number, open: string, close: string): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" && open === '(') {
      const q = text.indexOf("'", i + 1);
      i = q === -1 ? text.length : q + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        else if (text[i] === '$' || text[i] === '`') {
          i = skipExpansion(text, i);
          continue;
        }
        i++;
      }
      i++;
      continue;
    }
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      i = skipExpansion(text, i);
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
    i++;
  }
  return text.length;
}

function ansiEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
  return Math.min(i, text.length);
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Bash `$'…'` escapes. */
export function unescapeAnsiC(lit: string): string {
  return lit.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/gs, (whole, esc: string) => {
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return ANSI_C[esc] ?? whole;
  });
}
