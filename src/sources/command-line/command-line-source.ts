/**
 * The run-line source (input RUN): `podman`/`docker` `run`/`create` commands in
 * shell scripts, Makefiles, Markdown code blocks and systemd units.
 */
import type { SourceDefinition } from '../source.js';
import { makefileSnippets, markdownSnippets, scriptSnippets, systemdSnippets } from './extract-snippets.js';
import { scanSnippet } from './scan-snippet.js';
import type { Snippet } from './snippet.js';

const SCRIPT = /\.(sh|bash)$/i;
const MAKEFILE = /(^|[/\\])(GNUmakefile|makefile|Makefile)$|\.mk$/;
const MARKDOWN = /\.(md|markdown)$/i;
const SYSTEMD = /\.service$/;
const SHEBANG = /^#!\s*\S*(?:\/|env\s+(?:-\S+\s+)*)(?:ba|da|k|z)?sh\b/;

function snippetsOf(path: string, text: string): Snippet[] {
  if (MARKDOWN.test(path)) return markdownSnippets(text);
  if (MAKEFILE.test(path)) return makefileSnippets(text);
  if (SYSTEMD.test(path)) return systemdSnippets(text);
  return scriptSnippets(text);
}

/** Run lines in scripts, Makefiles, Markdown and systemd units. */
export const commandLineSource: SourceDefinition = {
  id: 'command-line',
  input: 'RUN',
  matchesName: (path) => SCRIPT.test(path) || MAKEFILE.test(path) || MARKDOWN.test(path) || SYSTEMD.test(path),
  // Scripts without an extension are known by their shebang.
  mayContain: (path) => !/\.[^/\\]*$/.test(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)),
  matchesContent: (text) => SHEBANG.test(text),
  parse(src, model, errors) {
    // Most scripts run no container: skip the shell parse for them.
    if (!/podman|docker/.test(src.text)) return;
    for (const snippet of snippetsOf(src.path, src.text)) scanSnippet(src, snippet, model, errors);
  },
};
