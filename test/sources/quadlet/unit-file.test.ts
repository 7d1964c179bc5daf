import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnitFile, splitWords } from '../../../src/sources/quadlet/unit-file.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import { at } from '../../support/scan-source.js';

test('sections, comments, spaces around =, continuations', () => {
  const src = sourceFile('u.container', '# c\n; c\n[Container]\n  Image = a:1  \nExec=sh -c \\\n  "echo hi" \\\n# skipped comment \\\n  done\n');
  const { sections, problems } = parseUnitFile(src);
  assert.deepEqual(problems, []);
  const entries = sections[0]!.entries;
  assert.deepEqual(entries.map((e) => [e.key, e.value.value]), [
    ['Image', 'a:1'],
    // the comment line inside the continuation is skipped, as systemd does
    ['Exec', 'sh -c  "echo hi"  done'],
  ]);
  assert.equal(at(entries[0]!.value.loc), '4:11-4:14');
  assert.equal(at(entries[0]!.keyLoc), '4:3-4:8');
  const words = splitWords(entries[1]!.value);
  assert.deepEqual(words.map((w) => [w.value, at(w.loc)]), [
    ['sh', '5:6-5:8'],
    ['-c', '5:9-5:11'],
    ['echo hi', '6:4-6:11'],
    ['done', '8:3-8:7'],
  ]);
});

test('splitWords: quotes and escapes', () => {
  const src = sourceFile('u', '[X]\nK=a "b c" \'d e\' f\\sg "h\\"i"\n');
  const words = splitWords(parseUnitFile(src).sections[0]!.entries[0]!.value);
  assert.deepEqual(words.map((w) => w.value), ['a', 'b c', 'd e', 'f g', 'h"i']);
  assert.equal(at(words[1]!.loc), '2:6-2:9');
});

test('splitWords: C escapes as Quadlet decodes them; an unknown escape drops the whole entry (exec-unsupported-escape.container)', () => {
  const split = (value: string) => {
    const bad: string[] = [];
    const words = splitWords(parseUnitFile(sourceFile('u', `[X]\nK=${value}\n`)).sections[0]!.entries[0]!.value, undefined, (e) => bad.push(`${e.value}@${at(e.loc)}`));
    return [words.map((w) => w.value), bad];
  };
  assert.deepEqual(split('src=/srv/with\\x20space /proc/\\153core \'\\u00e9t\\U0001F600\' a\\tb \\\\x'), [['src=/srv/with space', '/proc/kcore', '\u00e9t\u{1F600}', 'a\tb', '\\x'], []]);
  // `\.` and `\ ` are not C escapes: Quadlet's LookupAllArgs drops the entry.
  assert.deepEqual(split("a 'test\\.com'"), [[], ['\\.@2:10-2:12']]);
  assert.deepEqual(split('f\\ g'), [[], ['\\ @2:4-2:6']]);
  // LookupAllStrv keys (AddCapability=, DropCapability=) keep a backslash as written.
  const strv = splitWords(parseUnitFile(sourceFile('u', '[X]\nK=CAP_A\\.B "CAP_C"\n')).sections[0]!.entries[0]!.value, undefined, undefined, true);
  assert.deepEqual(strv.map((w) => w.value), ['CAP_A\\.B', 'CAP_C']);
  // A NUL and an octal value above 255 are refused too.
  assert.deepEqual(split('\\x00 \\400').at(0), []);
});
