import { test } from 'node:test';
import assert from 'node:assert/strict';
import { couldBeImage, parseRunArgs } from '../../../src/sources/command-line/run-args.js';
import { parseShell } from '../../../src/sources/command-line/shell-parse.js';
import { RUN_FLAGS, TOOL_VERSIONS } from '../../../src/sources/command-line/flag-table.js';

/** The words after `podman run` in `line`. */
function args(line: string) {
  const words = parseShell(`podman run ${line}`).commands[0]!.words.slice(2);
  return parseRunArgs(words);
}

function flagValues(line: string): [string, string | undefined][] {
  return args(line).flags.map((f) => [f.name, f.value?.value]);
}

test('the flag table was generated from podman 4 and docker 28', () => {
  assert.match(TOOL_VERSIONS.podman, /podman version 4\./);
  assert.match(TOOL_VERSIONS.docker, /Docker version 28\./);
  const publish = RUN_FLAGS.find((f) => f.long === 'publish')!;
  assert.deepEqual([publish.short, publish.takesValue], ['p', true]);
  assert.equal(RUN_FLAGS.find((f) => f.long === 'rm')!.takesValue, false);
  assert.equal(RUN_FLAGS.find((f) => f.long === 'interactive')!.short, 'i');
});

test('--flag=v, --flag v, -f v, -fv', () => {
  assert.deepEqual(flagValues('--user=1000 --name web -u 2000 -m512m nginx'), [
    ['user', '1000'],
    ['name', 'web'],
    ['user', '2000'],
    ['memory', '512m'],
  ]);
});

test('combined short flags: booleans then one flag that takes a value', () => {
  const r = args('-itp 80:80 --rm nginx:1.27 sh -c "echo hi"');
  assert.deepEqual(r.flags.map((f) => [f.name, f.value?.value]), [
    ['interactive', undefined],
    ['tty', undefined],
    ['publish', '80:80'],
    ['rm', undefined],
  ]);
  assert.equal(r.image?.value, 'nginx:1.27');
  assert.deepEqual(r.command.map((w) => w.value), ['sh', '-c', 'echo hi']);
  // -itp80:80: the value is the rest of the word
  assert.deepEqual(flagValues('-itp8080:80 nginx').at(-1), ['publish', '8080:80']);
  assert.deepEqual(flagValues('-e=A=1 nginx'), [['env', 'A=1']]);
});

test('booleans take =false, repeated flags all count, -- ends the flags', () => {
  assert.deepEqual(flagValues('--read-only=false --privileged --cap-add A --cap-add B -- -weird-image'), [
    ['read-only', 'false'],
    ['privileged', undefined],
    ['cap-add', 'A'],
    ['cap-add', 'B'],
  ]);
  assert.equal(args('--rm -- -weird-image x').image?.value, '-weird-image');
});

test('the image is never a flag value, and flags after the image belong to the command', () => {
  const r = args('-d --name web -v /a:/b nginx --read-only -p 1:1');
  assert.equal(r.image?.value, 'nginx');
  assert.deepEqual(r.command.map((w) => w.value), ['--read-only', '-p', '1:1']);
  assert.equal(r.flags.length, 3);
});

test('--net is the hidden alias of --network', () => {
  assert.deepEqual(flagValues('--net host nginx'), [['network', 'host']]);
});

test('-e NAME without a value keeps NAME as the value', () => {
  assert.deepEqual(flagValues('-e HOME -e A=1 nginx'), [
    ['env', 'HOME'],
    ['env', 'A=1'],
  ]);
});

test('an unknown flag is reported; the next word is its value only when it cannot be an image', () => {
  let r = args('--frobnicate nginx:1 sh');
  assert.deepEqual(r.unknown.map((u) => u.text), ['frobnicate']);
  assert.equal(r.image?.value, 'nginx:1');
  r = args('--frobnicate Some=Value nginx:1');
  assert.equal(r.image?.value, 'nginx:1');
  r = args('--frobnicate=3 -Q nginx');
  assert.deepEqual(r.unknown.map((u) => u.text), ['frobnicate', 'Q']);
  assert.equal(r.image?.value, 'nginx');
});

test('a value flag at the end is reported as missing its value', () => {
  const r = args('--name');
  assert.deepEqual(r.missingValue.map((u) => u.text), ['name']);
  assert.equal(r.image, undefined);
});

test('an option-list variable is skipped, not taken for the image', () => {
  const r = args('$PODMAN_OPTS ${EXTRA_ARGS} nginx');
  assert.equal(r.image?.value, 'nginx');
  assert.equal(r.opaque.length, 2);
  assert.equal(args('"$IMAGE" cmd').image?.value, '$IMAGE');
});

test('image reference shapes', () => {
  const word = (value: string) => ({ value, raw: value, dynamic: false, start: 0, end: value.length });
  for (const ok of ['nginx', 'nginx:1.27', 'registry.example.com:5000/team/app:v1', 'quay.io/a/b@sha256:' + 'a'.repeat(64), 'localhost/x_y__z']) {
    assert.equal(couldBeImage(word(ok)), true, ok);
  }
  for (const bad of ['Some=Value', '/abs/path', './rel', 'UPPER', 'a b']) assert.equal(couldBeImage(word(bad)), false, bad);
});
