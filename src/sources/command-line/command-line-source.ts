/**
 * The run-line source (input RUN): `podman`/`docker` `run`/`create` commands in
 * shell scripts, Makefiles, Markdown code blocks and systemd units.
 */
import type { SourceDefinition } from '../source.js';
import { makefileSnippets, markdownSnippets, scriptSnippets, systemdSnippets } from './extract-snippets.js';
import { scanSnippet } from './scan-snippet.js';
import type { Snippet } from './snippet.js';
import { commandLineKind, MAKEFILE, MARKDOWN, SYSTEMD } from './command-line-kind.js';

function snippetsOf(path: string, text: string): Snippet[] {
  if (MARKDOWN.test(path)) return markdownSnippets(text);
  if (MAKEFILE.test(path)) return makefileSnippets(text);
  if (SYSTEMD.test(path)) return systemdSnippets(text);
  return scriptSnippets(text);
}

/** Run lines in scripts, Makefiles, Markdown and systemd units. */
export const commandLineSource: SourceDefinition = {
  ...commandLineKind,
  parse(src, model, errors) {
    // Most scripts run no container: skip the shell parse for them.
    if (!/podman|docker/.test(src.text)) return;
    for (const snippet of snippetsOf(src.path, src.text)) scanSnippet(src, snippet, model, errors);
  },
};
