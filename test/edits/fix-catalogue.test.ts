import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../src/rules/index.js';
import { FIXABLE_RULES } from '../../src/edits/fix-catalogue.js';

test('every rule a fix exists for documents its effect and risk, and no other rule claims an automatic fix', () => {
  const documented = new Set(rules.filter((r) => r.fix?.automatic).map((r) => r.id));
  assert.deepEqual([...FIXABLE_RULES].sort(), [...documented].sort());
  for (const r of rules.filter((rule) => rule.fix)) {
    assert.ok(r.fix!.effect.length > 20 && r.fix!.risk.length > 20, `${r.id}: say what the fix does and risks`);
  }
});

test('privileged mode and host networking are never fixed automatically (RULES.md: a decision)', () => {
  for (const id of ['privileged-container', 'host-network']) {
    assert.equal(rules.find((r) => r.id === id)?.fix?.automatic, false, id);
    assert.ok(!FIXABLE_RULES.has(id));
  }
});
