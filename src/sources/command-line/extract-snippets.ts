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
  return snippets.filter((s) => /podman|docker/.test(s.text));
}

/** Adds recipe text with `$$` → `$`, keeping the map exact around each removed `$`. */
function addMakeText(b: SnippetBuilder, text: string, offset: number): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('$$', from);
    if (at === -1) {
      b.add(text.slice(from), offset + from);
      return;
    }
    b.add(text.slice(from, at + 1), offset + from);
    from = at + 2;
  }
}

const SHELL_FENCES = /^(?:sh|bash|shell|zsh|console|shell-session|shellsession|terminal)$/i;
const PROMPT = /^(\s*)(?:\$|❯|%) /;

/**
 * Markdown fenced code blocks tagged as shell. In `console` blocks only the prompt
 * lines (`$ `) and their continuations are commands; the rest is output. In the
 * other blocks a leading `$ ` prompt is dropped too.
 */
export function markdownSnippets(text: string): Snippet[] {
  const snippets: Snippet[] = [];
  // `builder` is undefined for a block that is not shell: its lines are skipped.
  let fence: { marker: string; console: boolean; builder: SnippetBuilder | undefined } | undefined;
  let continued = false;
  for (const { line, start } of lines(text)) {
    if (!fence) {
      // Fences may be indented (inside list items).
      const open = /^\s*(`{3,}|~{3,})\s*\{?\.?([\w+-]*)/.exec(line);
      if (open) {
        const shell = SHELL_FENCES.test(open[2]!);
        fence = { marker: open[1]!, console: shell && /console|session|terminal/i.test(open[2]!), builder: shell ? new SnippetBuilder() : undefined };
        continued = false;
      }
      continue;
    }
    const closing = line.trim();
    if (closing.startsWith(fence.marker) && /^[`~]+$/.test(closing) && closing[0] === fence.marker[0]) {
      if (fence.builder) snippets.push(fence.builder.build());
      fence = undefined;
      continue;
    }
    if (!fence.builder) continue;
    const prompt = PROMPT.exec(line);
    if (prompt) {
      const from = prompt[0].length;
      fence.builder.add(line.slice(from), start + from).add('\n', start + line.length);
    } else if (continued || !fence.console) {
      fence.builder.add(line, start).add('\n', start + line.length);
    } else {
      continued = false;
      continue;
    }
    continued = line.endsWith('\\');
  }
  return snippets.filter((s) => /podman|docker/.test(s.text));
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
