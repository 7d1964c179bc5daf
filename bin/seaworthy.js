#!/usr/bin/env node
// Entry point. `--version` is answered before anything else is loaded: the CLI runs in
// pre-commit hooks and editors, where start-up time is felt on every keystroke.
import { readFileSync } from 'node:fs';

const first = process.argv[2];
if (first === '--version' || first === '-V' || first === 'version') {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { main } = await import('../dist/src/cli/main.js');
  process.exitCode = await main(process.argv.slice(2));
}
