/**
 * Baseline for the YAML benchmarks: read every .yaml/.yml file under the paths
 * (recursively) and parse it with js-yaml 4.1 `loadAll`, nothing else. js-yaml 4 is
 * the fastest well-known YAML reader for Node and is not one of our dependencies.
 */
import { loadAll } from 'js-yaml4';
import { walk } from './walk.js';

let docs = 0;
for (const { text } of walk(process.argv.slice(2), /\.ya?ml$/i)) docs += loadAll(text).length;
process.stdout.write(`${docs}\n`);
