/**
 * The graph layout library the HTML page runs: elkjs's single-file build, read
 * from node_modules when a page is written and inlined into it, so the page
 * needs no network and no CDN (its Content-Security-Policy forbids both).
 * Why elkjs and not dagre: README, "How the netpol page is drawn".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let cached: string | undefined;

/**
 * The library's source, safe to place between `<script>` and `</script>`.
 *
 * @example
 * const page = `<script>${layoutLibrarySource()}</script>`;
 */
export function layoutLibrarySource(): string {
  if (cached === undefined) {
    const file = createRequire(import.meta.url).resolve('elkjs/lib/elk.bundled.js');
    // An HTML parser ends a script at `</script` and changes state at `<!--`;
    // in JavaScript source both can only sit in strings or regexps, where `<\/` means `</`.
    cached = readFileSync(file, 'utf8').replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  }
  return cached;
}

/** The inlined library's name and version, printed in the page's footer. */
export function layoutLibraryVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve('elkjs/package.json'), 'utf8')) as { version: string };
  return `elkjs ${pkg.version}`;
}
