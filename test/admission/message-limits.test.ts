import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clip, fitLines } from '../../src/admission/message-limits.js';

// The definitions the fast versions must keep: lengths in code points (the API server's runes).
const clipSpec = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};
const runes = (text: string): number => [...text].length;

test('clip cuts at code points, never inside a surrogate pair, as the plain definition does', () => {
  assert.equal(clip('a😀b😀c', 4), 'a😀b…');
  assert.equal(clip('a😀b😀', 4), 'a😀b😀');
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (text, max) => {
      const out = clip(text, max);
      assert.equal(out, clipSpec(text, max));
      assert.ok(runes(out) <= max);
    }),
    { numRuns: 2000 },
  );
});

test('fitLines keeps the total in code points under its budget, counting what it leaves out', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 8 }), fc.integer({ min: 8, max: 60 }), (lines, total) => {
      const out = fitLines(lines, total, (n) => `+${n}😀`, 2);
      const shown = out.filter((l) => !/^\+\d+😀$/.test(l) || lines.includes(l));
      const size = out.reduce((a, l, i) => a + runes(l) + (i ? 2 : 0), 0);
      if (out.length === lines.length && out.every((l, i) => l === lines[i])) return;
      assert.ok(size <= total || shown.length === 0, `${JSON.stringify(out)} over ${total}`);
      assert.match(out[out.length - 1]!, /^\+(\d+)😀$/);
      assert.equal(Number(/\d+/.exec(out[out.length - 1]!)![0]) + out.length - 1, lines.length);
    }),
    { numRuns: 1000 },
  );
});

test('fitLines answers as the plain definition (a count line reserved beside each line) on every input', () => {
  // The definition: a line is kept when it and the count line for the rest fit together.
  const fitSpec = (lines: readonly string[], total: number, more: (n: number) => string, sep: number): string[] => {
    const out: string[] = [];
    let used = 0;
    for (let i = 0; i < lines.length; i++) {
      const rest = lines.length - i - 1;
      const reserve = rest > 0 ? runes(more(rest + 1)) + sep : 0;
      const size = runes(lines[i]!) + (out.length ? sep : 0);
      if (used + size + reserve > total) return [...out, more(lines.length - i)];
      out.push(lines[i]!);
      used += size;
    }
    return out;
  };
  const more = (n: number): string => `… and ${n} more 😀`;
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 120 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 3 }), (lines, total, sep) => {
      assert.deepEqual(fitLines(lines, total, more, sep), fitSpec(lines, total, more, sep));
    }),
    { numRuns: 2000 },
  );
});
