/**
 * Baseline for the scan benchmark: read every file of a directory and parse it
 * with js-yaml `loadAll`, nothing else. Run as its own process, like the scan.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';

const dir = process.argv[2];
if (!dir) throw new Error('usage: baseline-yaml DIR');
let docs = 0;
for (const name of (await readdir(dir)).sort()) {
  const text = await readFile(join(dir, name), 'utf8');
  docs += loadAll(text).length;
}
process.stdout.write(`${docs}\n`);
