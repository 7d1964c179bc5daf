import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../src/rules/index.js';
import { repoRoot } from '../support/prerequisites.js';

test('network rules are registered, each in a file named after its id, with references', () => {
  for (const id of ['missing-default-deny-policy', 'workload-not-isolated', 'metadata-api-reachable', 'network-policy-allows-all']) {
    const rule = rules.find((r) => r.id === id);
    assert.ok(rule, `${id} registered`);
    assert.ok(existsSync(join(repoRoot, 'src/rules', `${id}.ts`)), `${id}.ts exists`);
    assert.deepEqual(rule.inputs, ['K8S']);
    assert.ok(rule.references.length >= 2);
  }
});
