/**
 * How a file with run lines is recognised, apart from the shell parser
 * (command-line-source.ts), so that detection loads no parser (see source-kinds.ts).
 */
import type { SourceKind } from '../source.js';

const SCRIPT = /\.(sh|bash)$/i;
export const MAKEFILE = /(^|[/\\])(GNUmakefile|makefile|Makefile)$|\.mk$/;
export const MARKDOWN = /\.(md|markdown)$/i;
export const SYSTEMD = /\.service$/;
const SHEBANG = /^#!\s*\S*(?:\/|env\s+(?:-\S+\s+)*)(?:ba|da|k|z)?sh\b/;

export const commandLineKind: SourceKind = {
  id: 'command-line',
  input: 'RUN',
  matchesName: (path) => SCRIPT.test(path) || MAKEFILE.test(path) || MARKDOWN.test(path) || SYSTEMD.test(path),
  // Scripts without an extension are known by their shebang.
  mayContain: (path) => !/\.[^/\\]*$/.test(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)),
  matchesContent: (text) => SHEBANG.test(text),
};
