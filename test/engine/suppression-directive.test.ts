import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDirective, parseIgnoreComment } from '../../src/engine/suppression-directive.js';

test('directives: ids separated by commas, reason after --', () => {
  assert.deepEqual(parseDirective('run-as-root,host-network -- the node agent needs both'), {
    ruleIds: ['run-as-root', 'host-network'],
    reason: 'the node agent needs both',
  });
  assert.deepEqual(parseDirective('run-as-root, host-network'), { ruleIds: ['run-as-root', 'host-network'] });
  assert.deepEqual(parseDirective('run-as-root --'), { ruleIds: ['run-as-root'] });
  assert.deepEqual(parseDirective('-- just a reason'), { ruleIds: [], reason: 'just a reason' });
  // `--` inside a reason is part of the reason
  assert.deepEqual(parseDirective('a -- uses --privileged -- on purpose'), { ruleIds: ['a'], reason: 'uses --privileged -- on purpose' });
});

test('comments: whole-line # or ; comments only, with their column', () => {
  assert.deepEqual(parseIgnoreComment('    # seaworthy-ignore privileged-container -- debug pod'), {
    scope: 'line',
    column: 5,
    ruleIds: ['privileged-container'],
    reason: 'debug pod',
  });
  assert.deepEqual(parseIgnoreComment('#seaworthy-ignore-file run-as-root -- base image for CI only'), {
    scope: 'file',
    column: 1,
    ruleIds: ['run-as-root'],
    reason: 'base image for CI only',
  });
  assert.equal(parseIgnoreComment('; seaworthy-ignore host-network -- quadlet')!.scope, 'line');
  assert.deepEqual(parseIgnoreComment('# seaworthy-ignore'), { scope: 'line', column: 1, ruleIds: [] });
  assert.equal(parseIgnoreComment('privileged: true # seaworthy-ignore privileged-container -- x'), undefined);
  assert.equal(parseIgnoreComment('# seaworthy-ignored run-as-root'), undefined);
  assert.equal(parseIgnoreComment('# see seaworthy-ignore docs'), undefined);
});
