/** Baseline for Containerfiles: read every Containerfile under the paths and parse it with our buildkit-conformant parser, nothing else. */
import { parseDockerfile } from '../src/sources/dockerfile/parse-dockerfile.js';
import { walk } from './walk.js';

let instructions = 0;
for (const { text } of walk(process.argv.slice(2), /(?:Container|Docker)file$/)) instructions += parseDockerfile(text).instructions.length;
process.stdout.write(`${instructions}\n`);
