/**
 * Reads the arguments of `podman|docker run|create` the way the tools' flag parser
 * (cobra/pflag) does, from the generated flag table: `--flag=v`, `--flag v`, `-f v`,
 * `-fv`, combined booleans `-it`, `-itp 80:80`, `--bool=false`, `--` — so the image
 * and the command after it are never misread.
 *
 * An unknown flag cannot tell whether it takes a value. We take the next word as
 * its value when that word cannot be an image reference (it has upper case in the
 * repository part, `=`, a space, starts with `/` or `.`…), or when it is a number,
 * duration or size (`3`, `10s`, `512m`) followed by more flags or the image;
 * otherwise the flag is read as a boolean and the word as the image. Either way it
 * is reported, with what was made of the next word (`describeUnknown`).
 */
import { GLOBAL_FLAGS, RUN_FLAGS, type RunFlag } from './flag-table.js';
import { HIDDEN_RUN_FLAGS } from './hidden-flags.js';
import { PODMAN5_GLOBAL_FLAGS, PODMAN5_RUN_FLAGS } from './podman5-flags.js';
import type { ShellWord } from './shell-parse.js';

/** A value inside a word, with the offsets of its text. */
export interface WordSlice {
  value: string;
  dynamic: boolean;
  start: number;
  end: number;
  /** True when `value` is written verbatim at `start`, so sub-slices are exact too. */
  exact: boolean;
}

export interface ParsedFlag {
  /** Long name without dashes; aliases resolved (`net` → `network`). */
  name: string;
  /** The value for flags that take one, or the `=value` of a boolean. */
  value?: WordSlice;
  /** The flag and its value as written: what a finding about it points at. */
  start: number;
  end: number;
}

export interface UnknownFlag {
  text: string;
  start: number;
  end: number;
  /** The next word, when it was read as this flag's value. */
  value?: string;
}

export interface RunArgs {
  flags: ParsedFlag[];
  image?: ShellWord;
  command: ShellWord[];
  unknown: UnknownFlag[];
  /** A flag at the end of the line that needed a value. */
  missingValue: UnknownFlag[];
  /** Unquoted variables in flag position that look like option lists (`$PODMAN_OPTS`). */
  opaque: ShellWord[];
}

const ALIASES: Record<string, string> = { net: 'network', 'net-alias': 'network-alias' };

interface FlagIndex {
  long: Map<string, RunFlag>;
  short: Map<string, RunFlag>;
}

function index(flags: readonly RunFlag[]): FlagIndex {
  const long = new Map<string, RunFlag>();
  const short = new Map<string, RunFlag>();
  for (const f of flags) {
    long.set(f.long, f);
    if (f.short) short.set(f.short, f);
  }
  return { long, short };
}

const runIndex = index([...RUN_FLAGS, ...HIDDEN_RUN_FLAGS, ...PODMAN5_RUN_FLAGS]);
const globalIndexes = {
  podman: index([...GLOBAL_FLAGS.filter((f) => f.tools.includes('podman')), ...PODMAN5_GLOBAL_FLAGS]),
  docker: index(GLOBAL_FLAGS.filter((f) => f.tools.includes('docker'))),
};

/**
 * A slice of a word's value. Offsets are exact when the value is written verbatim,
 * bare or inside one pair of quotes (`"$PWD/data:/data:ro"`); otherwise the slice
 * covers the whole word.
 */
export function sliceOf(word: ShellWord, from = 0, to = word.value.length): WordSlice {
  const value = word.value.slice(from, to);
  const raw = word.raw;
  const shift = raw === word.value ? 0 : raw.length === word.value.length + 2 && /^(["']).*\1$/s.test(raw) && raw.slice(1, -1) === word.value ? 1 : -1;
  if (shift >= 0) return { value, dynamic: word.dynamic && /[$`*?~[]/.test(value), start: word.start + shift + from, end: word.start + shift + to, exact: true };
  return { value, dynamic: word.dynamic, start: word.start, end: word.end, exact: false };
}

/** A sub-slice of a slice (a part of a `host:ctr:ro` value). */
export function subSlice(slice: WordSlice, from: number, to = slice.value.length): WordSlice {
  const value = slice.value.slice(from, to);
  if (!slice.exact) return { ...slice, value };
  return { value, dynamic: slice.dynamic, start: slice.start + from, end: slice.start + to, exact: true };
}

/**
 * Reads `words` (what follows `run`/`create`) into flags, image and command.
 *
 * @example
 * parseRunArgs(words('-itp 8080:80 --rm nginx:1.27 sh -c "x"'))
 * // flags interactive, tty, publish=8080:80, rm; image nginx:1.27; command sh -c x
 */
export function parseRunArgs(words: readonly ShellWord[]): RunArgs {
  return parseFlags(words, runIndex, true);
}

/**
 * Reads the global flags between the tool and its subcommand
 * (`podman --runtime runsc run`). Stops at the first non-flag word.
 */
export function parseGlobalArgs(words: readonly ShellWord[], tool: 'podman' | 'docker'): { flags: ParsedFlag[]; rest: number; unknown: UnknownFlag[] } {
  const result = parseFlags(words, globalIndexes[tool], false);
  const rest = result.image ? words.indexOf(result.image) : words.length;
  return { flags: result.flags, rest, unknown: result.unknown };
}

function parseFlags(words: readonly ShellWord[], flags: FlagIndex, guessUnknown: boolean): RunArgs {
  const out: RunArgs = { flags: [], command: [], unknown: [], missingValue: [], opaque: [] };
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    const text = word.value;
    if (text === '--') {
      i++;
      break;
    }
    if (OPTION_LIST_VARIABLE.test(word.raw)) {
      // Expands to any number of flags: unknown, but not the image.
      out.opaque.push(word);
      i++;
      continue;
    }
    if (!text.startsWith('-') || text === '-') break;
    i++;
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = text.slice(2, eq === -1 ? undefined : eq);
      const flag = flags.long.get(name);
      if (!flag) {
        const unknown: UnknownFlag = { text: name, start: word.start, end: word.end };
        out.unknown.push(unknown);
        if (eq === -1 && guessUnknown && takesUnknownValue(words, i)) unknown.value = words[i++]!.value;
        continue;
      }
      const parsed: ParsedFlag = { name: ALIASES[flag.long] ?? flag.long, start: word.start, end: word.end };
      if (eq !== -1) parsed.value = sliceOf(word, eq + 1);
      else if (flag.takesValue) {
        const next = words[i];
        if (!next) {
          out.missingValue.push({ text: name, start: word.start, end: word.end });
          continue;
        }
        parsed.value = sliceOf(next);
        parsed.end = next.end;
        i++;
      }
      out.flags.push(parsed);
      continue;
    }
    // Short flags: booleans may be combined; the first one that takes a value takes
    // the rest of the word, or the next word.
    for (let c = 1; c < text.length; c++) {
      const letter = text[c]!;
      const flag = flags.short.get(letter);
      const at = sliceOf(word, c, c + 1);
      if (!flag) {
        out.unknown.push({ text: letter, start: at.start, end: at.end });
        continue;
      }
      // The first letter's span includes its dash: `-m 512m`, not `m 512m`.
      const flagStart = c === 1 ? word.start : at.start;
      const parsed: ParsedFlag = { name: ALIASES[flag.long] ?? flag.long, start: flagStart, end: word.end };
      if (text[c + 1] === '=') {
        parsed.value = sliceOf(word, c + 2);
        out.flags.push(parsed);
        break;
      }
      if (flag.takesValue) {
        if (c + 1 < text.length) parsed.value = sliceOf(word, c + 1);
        else if (i < words.length) {
          parsed.value = sliceOf(words[i]!);
          parsed.end = words[i]!.end;
          i++;
        } else {
          out.missingValue.push({ text: letter, start: at.start, end: at.end });
          break;
        }
        out.flags.push(parsed);
        break;
      }
      parsed.end = at.end;
      out.flags.push(parsed);
    }
  }
  if (i < words.length) {
    out.image = words[i];
    out.command = words.slice(i + 1);
  }
  return out;
}

/** A number, duration or size: a flag's value, never an image anyone names. */
const SCALAR_VALUE = /^(?:\d+(?:\.\d+)?[a-zA-Z]{0,3}|true|false)$/;

/** Whether the word at `i`, after an unknown long flag, is that flag's value. */
function takesUnknownValue(words: readonly ShellWord[], i: number): boolean {
  const next = words[i];
  if (!next || next.value.startsWith('-')) return false;
  if (!couldBeImage(next)) return true;
  const after = words[i + 1];
  // More flags, or a word that can be the image, must follow: the number is not the image then.
  return !next.dynamic && SCALAR_VALUE.test(next.value) && after !== undefined && (after.value.startsWith('-') || couldBeImage(after));
}

/** What a warning says about an unknown flag: what was made of the word after it. */
export function describeUnknown(u: UnknownFlag, image: ShellWord | undefined): string {
  if (u.value !== undefined) return `read as taking the value "${u.value}"`;
  return image ? `read as a flag without a value (the image is "${image.value}")` : 'read as a flag without a value';
}

/** An unquoted `$X_OPTS`, `${ARGS}`, `$EXTRA_FLAGS`…: a list of options, by its name. */
const OPTION_LIST_VARIABLE = /^\$\{?\w*(?:OPT|ARG|FLAG|PARAM)\w*\}?$/i;

/** An image reference: `[registry[:port]/]path[:tag][@digest]`, path in lower case. */
const IMAGE_REF = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+|__[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[0-9a-fA-F]{32,})?$/;

/** Whether a word may be the image: a variable may be anything, so it may. */
export function couldBeImage(word: ShellWord): boolean {
  if (word.dynamic) return !/\s/.test(word.value);
  return IMAGE_REF.test(word.value);
}
