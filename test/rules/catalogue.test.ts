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

/**
 * Ids RULES.md promises whose rule is being written under another issue. Each entry
 * must still be missing (a landed rule has to leave this list), so the list can only
 * shrink; it is not a way to drop a promise.
 */
const PENDING: Record<string, string> = {};

/**
 * The ids and inputs of RULES.md's tables. An input list may carry a condition in
 * parentheses (`IMG (DF with --containerfile)`): the inputs named there count too.
 */
export function promisedRules(text: string): Map<string, string[]> {
  const promised = new Map<string, string[]>();
  for (const m of text.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+) \|/gm)) {
    const inputs = m[2]!.match(/\b(?:DF|K8S|CMP|RUN|QL|IMG)\b/g) ?? [];
    promised.set(m[1]!, [...new Set(inputs)]);
  }
  return promised;
}

test('RULES.md input lists are read with their conditions', () => {
  const table = '| `a-b` | IMG (DF with `--containerfile`) | low | x |\n| `c` | K8S CMP | high | y |\n| `d` | IMG (K8S CMP RUN QL with `--resolve-images`; admission) | high | z |\n';
  assert.deepEqual([...promisedRules(table)], [
    ['a-b', ['IMG', 'DF']],
    ['c', ['K8S', 'CMP']],
    ['d', ['IMG', 'K8S', 'CMP', 'RUN', 'QL']],
  ]);
});

test('every id promised in RULES.md exists, with the inputs RULES.md gives it', { skip: existsSync(join(conformanceDir, '..', 'RULES.md')) ? false : 'RULES.md (beside the checkout) not found' }, () => {
  const promised = promisedRules(readFileSync(join(conformanceDir, '..', 'RULES.md'), 'utf8'));
  for (const id of ['pod-security-baseline', 'pod-security-restricted']) promised.set(id, ['K8S']);
  assert.ok(promised.size >= 35, `read ${promised.size} ids from RULES.md`);
  const missing = [...promised.keys()].filter((id) => !rules.some((r) => r.id === id));
  assert.deepEqual(missing.filter((id) => !(id in PENDING)), [], 'rules promised by RULES.md and missing here');
  const landed = Object.keys(PENDING).filter((id) => rules.some((r) => r.id === id));
  assert.deepEqual(landed, [], 'rules that landed: remove them from PENDING');
  assert.deepEqual(Object.keys(PENDING).filter((id) => !promised.has(id)), [], 'PENDING names only ids RULES.md promises');
  for (const [id, inputs] of promised) {
    const rule = rules.find((r) => r.id === id);
    if (rule) assert.deepEqual([...rule.inputs].sort(), [...inputs].sort(), `${id} inputs`);
  }
});

/**
 * Rules added beyond RULES.md (which allows more rules, never fewer), each with
 * why it exists. The README's rule list names them as additions.
 */
const ADDITIONS: Record<string, string> = {
  'recommended-packages-installed': 'CIS Docker 4.3 for Containerfiles: the finding that `seaworthy fix` settles with `--no-install-recommends` and the like (issue #14)',
};

test('rules beyond RULES.md are only the documented additions',  { skip: existsSync(join(conformanceDir, '..', 'RULES.md')) ? false : 'RULES.md (beside the checkout) not found' }, () => {
  const promised = promisedRules(readFileSync(join(conformanceDir, '..', 'RULES.md'), 'utf8'));
  const extra = rules.map((r) => r.id).filter((id) => !promised.has(id) && !id.startsWith('pod-security-') && !(id in ADDITIONS));
  assert.deepEqual(extra, [], 'rule ids not in RULES.md (add them there, or document them as additions)');
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (const id of Object.keys(ADDITIONS)) {
    assert.ok(rules.some((r) => r.id === id), `${id} is listed as an addition but is not a rule`);
    assert.ok(!promised.has(id), `${id} is in RULES.md now: drop it from ADDITIONS`);
    assert.ok(readme.includes(`\`${id}\``), `the README names the addition ${id}`);
  }
});
