/** Baseline for run lines: read every shell script under the paths and parse it with mvdan-sh, nothing else. */
import { createRequire } from 'node:module';
import type { ShSyntax } from 'mvdan-sh';
import { walk } from './walk.js';

const sh = (createRequire(import.meta.url)('mvdan-sh') as { syntax: ShSyntax }).syntax;
const parser = sh.NewParser(sh.KeepComments(false), sh.Variant(sh.LangBash));
let files = 0;
for (const { text } of walk(process.argv.slice(2), /\.sh$/)) {
  parser.Parse(text, '');
  files++;
}
process.stdout.write(`${files}\n`);
