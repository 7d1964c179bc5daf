/**
 * Cuts the shell out of the files run lines live in: whole shell scripts, Makefile
 * recipes, Markdown code blocks and systemd `Exec*=` lines. Each piece keeps a map
 * to its file offsets.
 */
import { SnippetBuilder, wholeFile, type Snippet } from './snippet.js';

/** A whole script. */
export function scriptSnippets(text: string): Snippet[] {
  return [wholeFile(text)];
}

/** Lines of a text with their start offsets, without the newline. */
function* lines(text: string): Generator<{ line: string; start: number }> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    yield { line: text.slice(start, end).replace(/\r$/, ''), start };
    if (end === text.length) return;
    start = end + 1;
  }
}

/**
 * Makefile recipes: tab-indented lines, with make's own prefixes (`@`, `-`, `+`)
 * removed and `$$` turned back into the shell's `$`. A recipe line ending in `\`
 * continues on the next line, as make passes it to the shell.
 */
export function makefileSnippets(text: string): Snippet[] {
  const snippets: Snippet[] = [];
  let current: SnippetBuilder | undefined;
  let continued = false;
  for (const { line, start } of lines(text)) {
    if (!line.startsWith('\t') && !continued) {
      if (current) snippets.push(current.build());
      current = undefined;
      continue;
    }
    let from = line.startsWith('\t') ? 1 : 0;
    if (!continued) {
      while (/[@+-]/.test(line[from] ?? '') || line[from] === ' ') from++;
    }
    current ??= new SnippetBuilder();
    addMakeText(current, line.slice(from), start + from);
    current.add('\n', start + line.length);
    continued = line.endsWith('\\');
    if (!continued) {
      snippets.push(current.build());
      current = undefined;
    }
  }
  if (current) snippets.push(current.build());
  return snippets.filter((s) => /podman|docker/.test(s.text)).map((s) => ({ ...s, lenient: true }));
}

/**
 * Adds recipe text as the shell will see it: `$$` → `$` (the map stays exact around
 * each removed `$`); make's function calls (`$(if …)`, `$(shell …)`, `$(call …)`)
 * and automatic variables the shell cannot parse (`$<`, `$^`) become shell
 * variables of the same length, so their values are unknown, never misread (a
 * function call reads as an option list: it may expand to flags).
 * `$(VAR)`, `${VAR}` and `$@` are valid shell already and are kept: unknown too.
 */
function addMakeText(b: SnippetBuilder, text: string, offset: number): void {
  let from = 0;
  let out = '';
  let outFrom = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') continue;
    const next = text[i + 1];
    if (next === '$') {
      out += text.slice(outFrom, i + 1);
      b.add(out, offset + from);
      out = '';
      from = outFrom = i + 2;
      i++;
    } else if (next === '(' || next === '{') {
      const end = closingParen(text, i + 1);
      if (end === -1) continue;
      const inner = text.slice(i + 2, end);
      if (MAKE_FUNCTION.test(inner)) {
        // Named like an option list (`$ARGS…`): in flag position it may expand to flags.
        out += text.slice(outFrom, i) + '${ARGS' + '_'.repeat(end - i - 6) + '}';
        outFrom = end + 1;
      }
      i = end;
    } else if (next !== undefined && '<^+%|'.includes(next)) {
      out += text.slice(outFrom, i) + '$_';
      outFrom = i + 2;
      i++;
    }
  }
  b.add(out + text.slice(outFrom), offset + from);
}

/** Make's built-in functions: `$(if a,b)`, `$(shell cmd)`… (a name, then a space). */
const MAKE_FUNCTION =
  /^(?:if|or|and|shell|call|eval|value|origin|flavor|foreach|file|error|warning|info|wildcard|subst|patsubst|strip|findstring|filter|filter-out|sort|word|words|wordlist|firstword|lastword|dir|notdir|suffix|basename|addsuffix|addprefix|join|realpath|abspath|let|intcmp)\s/;

/** Index of the bracket closing the one at `open`, or -1. */
function closingParen(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === opener) depth++;
    else if (text[i] === closer && --depth === 0) return i;
  }
  return -1;
}

const SHELL_FENCES = /^(?:sh|bash|shell|zsh|console|shell-session|shellsession|terminal)$/i;
const PROMPT = /^(\s*)(?:\$|❯|%) /;
/** A line that starts a command in a `console` block written without prompts. */
const COMMAND_START = /^\s*(?:sudo\s+(?:-\S+\s+)*)?(?:podman|docker)\s/;
/** A run line somewhere in the text: only blocks with one are read at all. */
export const RUN_COMMAND = /\b(?:podman|docker)\b[^\n]*?\b(?:run|create)\b/;
/** `<your-token>`, `<image>`: a placeholder for the reader, not a redirection. */
const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9_.-]*)>/g;

interface Line {
  line: string;
  start: number;
}

/**
 * Markdown fenced code blocks tagged as shell. In `console` blocks the prompt lines
 * (`$ `) and their continuations are commands and the rest is output; a `console`
 * block without any prompt has its commands start with the tool (`podman run …`).
 * In the other blocks a leading `$ ` prompt is dropped too. A block is read only
 * when it holds a podman/docker run or create; an unterminated fence runs to the
 * end of the file. Placeholders (`<your-token>`) read as unknown values.
 */
export function markdownSnippets(text: string): Snippet[] {
  const snippets: Snippet[] = [];
  let fence: { marker: string; shell: boolean; console: boolean; lines: Line[] } | undefined;
  for (const { line, start } of lines(text)) {
    if (!fence) {
      // Fences may be indented (inside list items).
      const open = /^\s*(`{3,}|~{3,})\s*\{?\.?([\w+-]*)/.exec(line);
      if (open) {
        const shell = SHELL_FENCES.test(open[2]!);
        fence = { marker: open[1]!, shell, console: shell && /console|session|terminal/i.test(open[2]!), lines: [] };
      }
      continue;
    }
    const closing = line.trim();
    if (closing.startsWith(fence.marker) && /^[`~]+$/.test(closing) && closing[0] === fence.marker[0]) {
      if (fence.shell) pushBlock(snippets, fence.lines, fence.console);
      fence = undefined;
      continue;
    }
    fence.lines.push({ line, start });
  }
  if (fence?.shell) pushBlock(snippets, fence.lines, fence.console);
  return snippets;
}

function pushBlock(snippets: Snippet[], block: Line[], console: boolean): void {
  if (!block.some((l) => RUN_COMMAND.test(l.line))) return;
  const prompted = block.some((l) => PROMPT.test(l.line));
  const builder = new SnippetBuilder();
  let continued = false;
  for (const { line, start } of block) {
    const prompt = PROMPT.exec(line);
    if (prompt) {
      const from = prompt[0].length;
      builder.add(withoutPlaceholders(line.slice(from)), start + from).add('\n', start + line.length);
    } else if (continued || (!console ? true : !prompted && COMMAND_START.test(line))) {
      builder.add(withoutPlaceholders(line), start).add('\n', start + line.length);
    } else {
      continued = false;
      continue;
    }
    continued = line.endsWith('\\');
  }
  const snippet = builder.build();
  if (RUN_COMMAND.test(snippet.text)) snippets.push({ ...snippet, lenient: true });
}

/** `<your-token>` → `$your_token_` (same length, so offsets hold): an unknown value. */
function withoutPlaceholders(line: string): string {
  return line.replace(PLACEHOLDER, (_, name: string) => '$' + name.replace(/[^A-Za-z0-9_]/g, '_') + '_');
}

const EXEC_KEYS = /^\s*(ExecStart|ExecStartPre|ExecStartPost|ExecStop|ExecStopPost|ExecReload|ExecCondition)\s*=\s*/;

/**
 * systemd `Exec*=` lines, continuation lines included, without the `-@+!:`
 * prefixes. With `@` the second word is argv[0], not an argument: it is skipped.
 */
export function systemdSnippets(text: string): Snippet[] {
  const snippets: Snippet[] = [];
  let current: SnippetBuilder | undefined;
  for (const { line, start } of lines(text)) {
    if (current) {
      current.add(line, start).add('\n', start + line.length);
      if (!line.endsWith('\\')) {
        snippets.push(current.build());
        current = undefined;
      }
      continue;
    }
    const m = EXEC_KEYS.exec(line);
    if (!m) continue;
    let from = m[0].length;
    let argv0 = false;
    while (/[-@+!:]/.test(line[from] ?? '')) {
      if (line[from] === '@') argv0 = true;
      from++;
    }
    if (argv0) {
      // `@/usr/bin/podman podman run …`: keep the executable, drop the argv[0] word.
      const exe = /^\S+/.exec(line.slice(from))?.[0] ?? '';
      const rest = /^\s+\S+/.exec(line.slice(from + exe.length))?.[0] ?? '';
      const b = new SnippetBuilder().add(exe, start + from);
      from += exe.length + rest.length;
      current = b;
    } else {
      current = new SnippetBuilder();
    }
    current.add(line.slice(from), start + from).add('\n', start + line.length);
    if (!line.endsWith('\\')) {
      snippets.push(current.build());
      current = undefined;
    }
  }
  if (current) snippets.push(current.build());
  return snippets.filter((s) => /podman|docker/.test(s.text));
}
