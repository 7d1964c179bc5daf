import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { repoRoot } from '../support/prerequisites.js';
import { ALL_KINDS } from '../../src/sources/cluster/cluster-kinds.js';

test('the cluster-reader ClusterRole grants get and list on exactly the kinds seaworthy cluster reads, and no Secrets', () => {
  const docs = loadAll(readFileSync(join(repoRoot, 'deploy/cluster-audit/cluster-reader.yaml'), 'utf8')) as any[];
  const role = docs.find((d) => d?.kind === 'ClusterRole');
  const granted = new Set<string>();
  for (const rule of role.rules) {
    assert.deepEqual([...rule.verbs].sort(), ['get', 'list'], 'read-only, no watch');
    for (const g of rule.apiGroups) for (const r of rule.resources) granted.add(`${g}/${r}`);
  }
  const read = new Set(ALL_KINDS.map((k) => `${k.group}/${k.resource}`));
  assert.deepEqual([...granted].sort(), [...read].sort());
  assert.ok(![...granted].some((g) => g.endsWith('/secrets') || g.includes('*')));
  const binding = docs.find((d) => d?.kind === 'ClusterRoleBinding');
  assert.equal(binding.roleRef.name, role.metadata.name);
});
