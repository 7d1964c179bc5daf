/**
 * go-yaml's integers as Go's strconv reads them, against BigInt arithmetic: short
 * integers take a double-only path (no BigInt), long ones the exact one; both must
 * give what Go's 64-bit parse gives, -0 as 0, and beyond int64/uint64 the float.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveGoYamlV2Plain, resolveGoYamlV3Plain } from '../../../src/sources/yaml/go-yaml-schema.js';

/** What go-yaml makes of an integer literal in `base` with `digits`, by BigInt alone. */
function expected(sign: '' | '+' | '-', prefix: string, base: number, digits: string): number {
  const big = BigInt(base === 10 ? digits : `0${base === 16 ? 'x' : base === 8 ? 'o' : 'b'}${digits}`) * (sign === '-' ? -1n : 1n);
  if (big >= -(2n ** 63n) && big <= 2n ** 64n - 1n) return Number(big) === 0 ? 0 : Number(big);
  // Out of int64/uint64: what looks like a decimal float (decimal, and octal's leading-zero
  // form) falls to ParseFloat, read as decimal; hex and binary stay strings.
  if (base === 10) return Number(`${sign}${digits}`);
  if (base === 8) return Number(`${sign}0${digits}`);
  return NaN;
}

test('integers in every base and length read as Go reads them (double path and BigInt path agree with BigInt)', () => {
  const digitsIn = (chars: string, max: number) => fc.array(fc.constantFrom(...chars.split('')), { minLength: 1, maxLength: max }).map((a) => a.join(''));
  const literal = fc.oneof(
    fc.tuple(fc.constantFrom('' as const, '+' as const, '-' as const), digitsIn('123456789', 1), digitsIn('0123456789', 24)).map(([s, d0, d]) => ({ sign: s, prefix: '', base: 10, digits: d0 + d })),
    fc.tuple(fc.constantFrom('' as const, '-' as const), digitsIn('0123456789abcdefABCDEF', 20)).map(([s, d]) => ({ sign: s, prefix: '0x', base: 16, digits: d })),
    fc.tuple(fc.constantFrom('' as const, '-' as const), digitsIn('01234567', 24)).map(([s, d]) => ({ sign: s, prefix: '0', base: 8, digits: d })),
    fc.tuple(fc.constantFrom('' as const, '+' as const), digitsIn('01', 70)).map(([s, d]) => ({ sign: s, prefix: '0b', base: 2, digits: d })),
  );
  fc.assert(
    fc.property(literal, ({ sign, prefix, base, digits }) => {
      const text = `${sign}${prefix}${digits}`;
      const want = expected(sign, prefix, base, digits);
      for (const resolve of [resolveGoYamlV2Plain, resolveGoYamlV3Plain]) {
        const got = resolve(text);
        if (Number.isNaN(want)) assert.equal(got, text, text);
        else assert.ok(Object.is(got, want), `${text}: ${String(got)} instead of ${want}`);
      }
    }),
    { numRuns: 3000 },
  );
  assert.ok(Object.is(resolveGoYamlV2Plain('-0'), 0));
  assert.equal(resolveGoYamlV2Plain('0777'), 511);
  assert.equal(resolveGoYamlV2Plain('9223372036854775807'), 9223372036854775807);
  assert.equal(resolveGoYamlV2Plain('18446744073709551616'), 18446744073709551616);
});
