import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyContainer, type ContainerSpec } from '../../../src/model/container-spec.js';
import type { Workload } from '../../../src/model/workload.js';
import { isRoot, isRootUser, rootVerdict, userPart } from '../../../src/rules/support/user.js';

const loc = { file: 'f', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
const workload: Workload = { input: 'K8S', file: 'f', loc, kind: 'Pod', labels: {}, annotations: {}, containers: [] };
function container(extra: Partial<ContainerSpec>): ContainerSpec {
  return { ...emptyContainer('K8S', loc, { kind: 'Pod' }, workload), ...extra };
}

test('user parts and root users', () => {
  assert.equal(userPart('app:app'), 'app');
  assert.equal(isRootUser('root'), true);
  assert.equal(isRootUser('0:0'), true);
  assert.equal(isRootUser('00'), true);
  assert.equal(isRootUser('1000'), false);
  assert.equal(isRootUser('nobody'), false);
});

test('root verdict: runAsNonRoot, explicit users, unknowns', () => {
  assert.equal(isRoot(container({})), true);
  assert.equal(rootVerdict(container({})).unset, true);
  assert.equal(isRoot(container({ runAsNonRoot: { value: true, loc } })), false);
  assert.equal(isRoot(container({ runAsNonRoot: { value: false, loc }, user: { value: '1000', loc } })), false);
  assert.equal(isRoot(container({ user: { value: '0', loc } })), true);
  assert.equal(isRoot(container({ user: { value: '$UID', loc, dynamic: true } })), undefined);
  assert.equal(isRoot(container({ runAsNonRoot: { value: true, loc }, user: { value: '$UID', loc, dynamic: true } })), false);
});
