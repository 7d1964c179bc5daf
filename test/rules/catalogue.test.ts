/**
 * The catalogue's own invariants: a rule per file named after its id, every file
 * registered, every rule documented, metadata complete, and every id promised in
 * RULES.md present (ids there are a contract).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules } from '../../src/rules/index.js';
import { repoRoot, conformanceDir } from '../support/prerequisites.js';

const rulesDir = join(repoRoot, 'dist/src/rules');

test('each rule file exports one rule whose id is the file name, and is registered', async () => {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.js') && f !== 'rule.js' && f !== 'index.js');
  assert.ok(files.length > 0);
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(rulesDir, f)).href)) as { default?: { id: string } };
    assert.equal(mod.default?.id, f.replace(/\.js$/, ''), f);
    assert.ok(rules.includes(mod.default as never), `${f} is not in src/rules/index.ts`);
  }
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'ids are unique');
});

test('every rule has complete metadata and a section in docs/rules.md', () => {
  const docs = readFileSync(join(repoRoot, 'docs/rules.md'), 'utf8');
  for (const r of rules) {
    assert.ok(r.title && r.rationale && r.remedy, r.id);
    assert.ok(r.references.length > 0, `${r.id} has references`);
    assert.ok(r.inputs.length > 0, `${r.id} has inputs`);
    assert.ok(Object.keys(r.messages).length > 0, `${r.id} has messages`);
    assert.ok(docs.includes(`## ${r.id}\n`), `${r.id} is documented`);
  }
});

test('every id promised in RULES.md exists, with the inputs RULES.md gives it', { skip: existsSync(join(conformanceDir, '..', 'RULES.md')) ? false : 'RULES.md (beside the checkout) not found' }, () => {
  const text = readFileSync(join(conformanceDir, '..', 'RULES.md'), 'utf8');
  const promised = new Map<string, string[]>();
  for (const m of text.matchAll(/^\| `([a-z0-9-]+)` \| ([A-Z0-9 ]+) \|/gm)) promised.set(m[1]!, m[2]!.trim().split(/\s+/));
  for (const id of ['pod-security-baseline', 'pod-security-restricted']) promised.set(id, ['K8S']);
  assert.ok(promised.size >= 35, `read ${promised.size} ids from RULES.md`);
  const missing = [...promised.keys()].filter((id) => !rules.some((r) => r.id === id));
  assert.deepEqual(missing, [], 'rules promised by RULES.md and missing here');
  for (const [id, inputs] of promised) {
    const rule = rules.find((r) => r.id === id)!;
    assert.deepEqual([...rule.inputs].sort(), [...inputs].sort(), `${id} inputs`);
  }
});
