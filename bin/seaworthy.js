#!/usr/bin/env node
// Entry point. `--version` is answered before anything else is loaded: the CLI runs in
// pre-commit hooks and editors, where start-up time is felt on every keystroke.
import { readFileSync } from 'node:fs';

const first = process.argv[2];
if (first === '--version' || first === '-V' || first === 'version') {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  let cli;
  try {
    cli = await import('../dist/src/cli/main.js');
  } catch (error) {
    // A checkout before its first build: one line that says what to do, not a stack.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/src/cli/main.js')) throw error;
    process.stderr.write("seaworthy: not built yet: run 'npm ci && npm run build' in this checkout first\n");
    process.exit(2);
  }
  process.exitCode = await cli.main(process.argv.slice(2));
}
