/**
 * What a reviewer checks in a fix's diff, as assertions shared by the golden and
 * examples tests: lines are only added or rewritten in place, and comments stay
 * as they were, in their order.
 */
import assert from 'node:assert/strict';
import { structuredPatch } from 'diff';

/** Every removed line is one an edit rewrote in place: paired with an added line of the same indentation. */
export function assertOnlyEditedLinesChange(input: string, fixed: string, label: string): void {
  const patch = structuredPatch('a', 'b', input, fixed, '', '', { context: 0 });
  for (const hunk of patch.hunks) {
    const removed = hunk.lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1));
    const added = hunk.lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1));
    for (const line of removed) {
      const indent = /^\s*/.exec(line)![0];
      const head = line.trim().split(/[\s:=]/)[0]!;
      assert.ok(
        added.some((a) => a.startsWith(indent + head)),
        `${label}: the line ${JSON.stringify(line)} was removed, not rewritten in place`,
      );
    }
  }
}

/** Every comment line of `input` is in `fixed`, unchanged and in the same order, and the fix wrote no comment of its own. */
export function assertCommentsKept(input: string, fixed: string, label: string): void {
  const comments = (text: string) => text.split(/\r?\n/).filter((line) => /^\s*#/.test(line));
  assert.deepEqual(comments(fixed), comments(input), `${label}: comments changed`);
}

/** The lines of `input` the fix did not rewrite appear in `fixed` in the same order (nothing moved). */
export function assertOrderKept(input: string, fixed: string, label: string): void {
  const patch = structuredPatch('a', 'b', input, fixed, '', '', { context: 0 });
  const rewritten = new Set<number>();
  for (const hunk of patch.hunks) {
    let line = hunk.oldStart;
    for (const l of hunk.lines) {
      if (l.startsWith('-')) rewritten.add(line++);
      else if (!l.startsWith('+')) line++;
    }
  }
  const kept = input.split('\n').filter((_, i) => !rewritten.has(i + 1));
  const out = fixed.split('\n');
  let at = 0;
  for (const line of kept) {
    while (at < out.length && out[at] !== line) at++;
    assert.ok(at < out.length, `${label}: the line ${JSON.stringify(line)} moved or vanished`);
    at++;
  }
}
