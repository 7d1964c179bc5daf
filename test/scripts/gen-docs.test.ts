import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedFiles } from '../../scripts/gen-docs.js';
import { rules } from '../../src/rules/index.js';
import { metaRules } from '../../src/engine/meta-rules.js';
import { repoRoot } from '../support/prerequisites.js';

test('generated files are up to date (run `npm run docs`)', () => {
  for (const [path, expected] of Object.entries(generatedFiles())) {
    const actual = readFileSync(resolve(repoRoot, path), 'utf8');
    assert.equal(actual, expected, `${path} is stale: run \`npm run docs\``);
  }
});

test('docs/rules.md has a section for every rule of the catalogue, meta-rules included', () => {
  const md = readFileSync(resolve(repoRoot, 'docs/rules.md'), 'utf8');
  const ids = [...rules, ...metaRules].map((r) => r.id);
  assert.ok(ids.length >= metaRules.length);
  for (const id of ids) {
    assert.ok(md.includes(`\n## ${id}\n`), `no section for ${id}`);
    assert.ok(md.includes(`](#${id})`), `no table-of-contents entry for ${id}`);
  }
});
