/**
 * How a Containerfile is recognised (by name only), apart from its parser
 * (dockerfile-source.ts), so that detection loads no parser (see source-kinds.ts).
 */
import type { SourceKind } from '../source.js';

const EXACT = /^(?:docker|container)file$/i;
const SUFFIX = /\.(?:docker|container)file$/i;
const PREFIX = /^(?:docker|container)file\./i;
/**
 * Names that look like Containerfiles but are not: `Dockerfile.dockerignore` (its
 * ignore file), editor syntax files (`dockerfile.vim`), man pages (`Containerfile.5`,
 * `Dockerfile.5.md`), documents and data, templates rendered before use
 * (`Dockerfile.j2`, `Dockerfile.tmpl`) and compressed files.
 */
const NOT_A_DOCKERFILE =
  /\.(?:dockerignore|vim|el|nanorc|lang|tmLanguage|sublime-syntax|md|markdown|rst|adoc|txt|html?|xml|json|ya?ml|toml|5|j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs|ejs|gotmpl|gz|tgz|bz2|xz|zst|zip|orig|rej|bak|swp)$/i;

/**
 * True for `Dockerfile`, `Containerfile`, `*.Dockerfile`, `*.Containerfile`,
 * `Dockerfile.*` and `Containerfile.*`, in any letter case.
 *
 * @example
 * isDockerfileName('deploy/api.Containerfile'); // true
 */
export function isDockerfileName(path: string): boolean {
  const base = baseName(path);
  if (NOT_A_DOCKERFILE.test(base)) return false;
  return EXACT.test(base) || SUFFIX.test(base) || PREFIX.test(base);
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export const dockerfileKind: SourceKind = {
  id: 'dockerfile',
  input: 'DF',
  matchesName: isDockerfileName,
  mayContain: () => false,
  matchesContent: () => false,
};
