import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShell } from '../../../src/sources/command-line/shell-parse.js';

test('quote removal, escapes and dynamic parts', () => {
  const r = parseShell(`podman run a\\ b "x\\"y" 'q $z' $'t\\n' pre"$X"post \${A:-b} $(cmd) ~/x *.c`);
  const words = r.commands.find((c) => c.words[0]!.value === 'podman')!.words;
  assert.deepEqual(
    words.map((w) => [w.value, w.dynamic]),
    [
      ['podman', false],
      ['run', false],
      ['a b', false],
      ['x"y', false],
      ['q $z', false],
      ['t\n', false],
      ['pre$Xpost', true],
      ['${A:-b}', true],
      ['$(cmd)', true],
      ['~/x', true],
      ['*.c', true],
    ],
  );
});

test('commands nested in if, loops, pipelines and $(…) are found; heredoc text is not', () => {
  const r = parseShell(`if true; then docker run a; fi
for x in 1; do podman run b | cat; done
id=$(podman create c)
cat <<EOF
podman run not-a-command
EOF
`);
  const runs = r.commands.filter((c) => /podman|docker/.test(c.words[0]!.value)).map((c) => c.words.at(-1)!.value);
  assert.deepEqual(runs, ['a', 'b', 'c']);
});

test('line continuations and comments', () => {
  const r = parseShell('podman run \\\n  --rm \\\n  nginx # podman run commented\n');
  assert.equal(r.commands.length, 1);
  const words = r.commands[0]!.words;
  assert.deepEqual(words.map((w) => w.value), ['podman', 'run', '--rm', 'nginx']);
  assert.deepEqual([words[3]!.start, words[3]!.end], [24, 29]);
});

test('offsets count UTF-16 units even after non-ASCII text', () => {
  const text = 'echo "héllo ✓" ; podman run x';
  const r = parseShell(text);
  const x = r.commands[1]!.words[2]!;
  assert.equal(text.slice(x.start, x.end), 'x');
});

test('an unbalanced quote is an error with its offset, not an exception', () => {
  const r = parseShell('podman run "nginx\necho');
  assert.ok(r.error);
  assert.equal(r.error.offset, 11);
  assert.match(r.error.message, /quote/);
  // the parser still works afterwards
  assert.equal(parseShell('podman run x').commands.length, 1);
});

test('the fast path over the parser internals reads the same words as the public Walk', async () => {
  const fc = (await import('fast-check')).default;
  const { parseShellBothWays } = await import('../../../src/sources/command-line/shell-parse.js');
  const piece = fc.constantFrom('podman run', ' -e', ' "a b"', " 'c d'", ' $X', ' ${Y:-z}', ' $(id -u)', ' `date`', " $'t\\n'", ' x\\ y', ' ~/p', ' *.c', ' é', '; ', ' | ', '\n', ' && ', ' "$HOME/x"', ' if true; then echo 1; fi', ' a=$(podman create b)', ' \\\n  ', ' --flag=v');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 25 }), (parts) => {
      const both = parseShellBothWays(parts.join(''));
      if (both) assert.deepEqual(both.fast, both.slow);
    }),
    { numRuns: 500 },
  );
});
