/** Files under the given paths, sorted, read as UTF-8: the shared "read" of every baseline. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function* walk(paths: string[], name: RegExp): Generator<{ path: string; text: string }> {
  if (!paths.length) throw new Error('usage: baseline PATH...');
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      yield* walk(readdirSync(path).sort().map((n) => join(path, n)), name);
    } else if (name.test(path)) {
      yield { path, text: readFileSync(path, 'utf8') };
    }
  }
}
