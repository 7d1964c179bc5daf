/**
 * Agreement with buildkit's own parser tests (moby/buildkit frontend/dockerfile/
 * parser and shell), read from the conformance folder beside the checkout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, needConformance } from '../../support/prerequisites.js';
import { parseDockerfile } from '../../../src/sources/dockerfile/parse-dockerfile.js';
import { dumpBuildkit } from '../../../src/sources/dockerfile/dump-buildkit.js';
import { expandShellWord } from '../../../src/sources/dockerfile/shell-lexer.js';
import { SourceError } from '../../../src/sources/source.js';

const skip = needConformance('buildkit-dockerfile');
const root = join(conformanceDir, 'buildkit-dockerfile');
const counts = { positive: [0, 0], negative: [0, 0], env: [0, 0], words: [0, 0] };

test('every positive case dumps exactly as buildkit', { skip }, () => {
  const dir = join(root, 'parser/testfiles');
  const failed: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    counts.positive[1]!++;
    const text = readFileSync(join(dir, name, 'Dockerfile'), 'utf8');
    const expected = readFileSync(join(dir, name, 'result'), 'utf8');
    let actual: string;
    try {
      actual = dumpBuildkit(parseDockerfile(text)) + '\n';
    } catch (error) {
      actual = `error: ${(error as Error).message}`;
    }
    if (actual === expected) counts.positive[0]!++;
    else failed.push(`${name}:\n${actual}\n---- expected\n${expected}`);
  }
  assert.equal(counts.positive[1], 33);
  assert.deepEqual(failed, []);
});

test('every negative case is rejected with a line', { skip }, () => {
  const dir = join(root, 'parser/testfiles-negative');
  const expectedLines: Record<string, number> = { empty_dockerfile: 1, env_no_value: 3, only_comments: 3, 'shykes-nested-json': 1 };
  for (const name of readdirSync(dir).sort()) {
    counts.negative[1]!++;
    const text = readFileSync(join(dir, name, 'Dockerfile'), 'utf8');
    assert.throws(
      () => parseDockerfile(text),
      (error: unknown) => error instanceof SourceError && error.line === expectedLines[name],
      name,
    );
    counts.negative[0]!++;
  }
  assert.equal(counts.negative[1], 4);
});

test('instruction line ranges match buildkit (testfile-line)', { skip }, () => {
  const ast = parseDockerfile(readFileSync(join(root, 'parser/testfile-line/Dockerfile'), 'utf8'));
  // buildkit's parser_test.go: the AST spans lines 5-31 with children 5-5, 11-12, 17-31.
  assert.deepEqual(
    ast.instructions.map((i) => [i.startLine, i.endLine]),
    [
      [5, 5],
      [11, 12],
      [17, 31],
    ],
  );
});

test('word splitting agrees with wordsTest', { skip }, () => {
  // lex_test.go: `ENV name=value` lines add to the environment; `input | w1,w2` expects words.
  const env = new Map<string, string>();
  const failed: string[] = [];
  for (const line of readFileSync(join(root, 'shell/wordsTest'), 'utf8').split('\n')) {
    if (line.startsWith('#') || line === '') continue;
    if (line.startsWith('ENV ')) {
      const assignment = line.slice(3).replace(/^ +/, '');
      const eq = assignment.indexOf('=');
      env.set(assignment.slice(0, eq), assignment.slice(eq + 1));
      continue;
    }
    const [input, output] = line.split('|');
    counts.words[1]!++;
    const expected = output!.replace(/^ +/, '').split(',');
    let actual: string[];
    try {
      actual = expandShellWord(input!.trim(), env).words;
    } catch {
      actual = ['error'];
    }
    if (JSON.stringify(actual) === JSON.stringify(expected)) counts.words[0]!++;
    else failed.push(`${input} → ${JSON.stringify(actual)} (expected ${JSON.stringify(expected)})`);
  }
  assert.deepEqual(failed, []);
});

test('variable expansion agrees with every Unix line of envVarTest', { skip }, () => {
  // The environment buildkit's lex_test.go uses; `error` means the expansion must fail.
  const env = new Map([
    ['PWD', '/home'],
    ['SHELL', 'bash'],
    ['KOREAN', '한국어'],
    ['NULL', ''],
  ]);
  const failed: string[] = [];
  for (const line of readFileSync(join(root, 'shell/envVarTest'), 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [platform, source, expected] = line.trim().split('|').map((part) => part.trim());
    if (platform !== 'A' && platform !== 'U') continue;
    counts.env[1]!++;
    let actual: string;
    try {
      actual = expandShellWord(source!, env).word;
    } catch {
      actual = 'error';
    }
    if (actual === expected) counts.env[0]!++;
    else failed.push(`${source} → ${actual} (expected ${expected})`);
  }
  assert.deepEqual(failed, []);
  assert.ok(counts.env[1]! > 200);
  console.log(
    `buildkit conformance: ${counts.positive.join('/')} positive, ${counts.negative.join('/')} negative, ${counts.env.join('/')} envVarTest, ${counts.words.join('/')} wordsTest`,
  );
});
