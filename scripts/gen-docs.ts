/**
 * Writes what is generated from code: docs/rules.md from the rule catalogue and
 * schema/seaworthy-config.schema.json from the configuration loader's key lists.
 * Run `npm run docs` after changing a rule; a test fails while they are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configSchema } from '../src/config/config-schema.js';
import { metaRules } from '../src/engine/meta-rules.js';
import { formatRules } from '../src/report/format-rules.js';
import { rules } from '../src/rules/index.js';

/** Repository-relative path → generated content. */
export function generatedFiles(): Record<string, string> {
  const catalogue = [...rules, ...metaRules];
  return {
    'docs/rules.md': formatRules(catalogue, 'markdown'),
    'schema/seaworthy-config.schema.json': JSON.stringify(configSchema(rules.map((r) => r.id)), null, 2) + '\n',
  };
}

// dist/scripts/gen-docs.js → the repository root.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const [path, content] of Object.entries(generatedFiles())) {
    const target = resolve(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    console.log(`wrote ${path}`);
  }
}
