import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpolate } from '../../../src/sources/compose/interpolate.js';

const env = new Map([
  ['SET', 'value'],
  ['EMPTY', ''],
]);

test('every compose-spec form', () => {
  const cases: [string, string, boolean, number][] = [
    ['${SET}', 'value', false, 0],
    ['$SET/x', 'value/x', false, 0],
    ['${UNSET}', '${UNSET}', true, 0],
    ['$UNSET', '$UNSET', true, 0],
    ['${UNSET:-def}', 'def', false, 0],
    ['${EMPTY:-def}', 'def', false, 0],
    ['${EMPTY-def}', '', false, 0],
    ['${UNSET-def}', 'def', false, 0],
    ['${SET:-def}', 'value', false, 0],
    ['${UNSET:?boom}', '${UNSET:?boom}', true, 1],
    ['${EMPTY:?boom}', '${EMPTY:?boom}', true, 1],
    ['${EMPTY?boom}', '', false, 0],
    ['${SET:+alt}', 'alt', false, 0],
    ['${EMPTY:+alt}', '', false, 0],
    ['${UNSET:+alt}', '${UNSET:+alt}', true, 0],
    ['$$SET', '$SET', false, 0],
    ['a$$', 'a$', false, 0],
    ['${UNSET:-${SET}}', 'value', false, 0],
    ['${UNSET:-${ALSO_UNSET}}', '${ALSO_UNSET}', true, 0],
    ['${', '${', true, 1],
    ['${not valid}', '${not valid}', true, 1],
    ['price: 5$', 'price: 5$', false, 0],
  ];
  for (const [input, value, dynamic, errors] of cases) {
    const r = interpolate(input, env);
    assert.deepEqual([r.value, r.dynamic, r.errors.length], [value, dynamic, errors], input);
  }
});

test('never throws and leaves text without $ unchanged', () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      const r = interpolate(text, env);
      if (!text.includes('$')) assert.equal(r.value, text);
    }),
    { numRuns: 2000 },
  );
});

test('the variables whose values went into the result are listed (a default or an alternative is not the variable)', () => {
  const cases: [string, string[]][] = [
    ['${SET}', ['SET']],
    ['a-$SET-${SET:-x}', ['SET', 'SET']],
    ['${UNSET:-${SET}}', ['SET']],
    ['${UNSET:-def}', []],
    ['${SET:+alt}', []],
    ['${EMPTY-def}', ['EMPTY']],
    ['$$SET', []],
  ];
  for (const [input, used] of cases) assert.deepEqual(interpolate(input, env).used, used, input);
});
