/**
 * The parser never fails unexpectedly: on arbitrary text and on mutated buildkit test
 * files it returns a model or throws the project's `SourceError` with a line — no
 * TypeError, RangeError or hang. And the source never throws at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { conformanceDir, needConformance } from '../../support/prerequisites.js';
import { parseDockerfile } from '../../../src/sources/dockerfile/parse-dockerfile.js';
import { buildSpecFromAst } from '../../../src/sources/dockerfile/build-model.js';
import { dumpBuildkit } from '../../../src/sources/dockerfile/dump-buildkit.js';
import { dockerfileSource } from '../../../src/sources/dockerfile/dockerfile-source.js';
import { SourceError } from '../../../src/sources/source.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import { emptyModel } from '../../../src/model/scan-model.js';
import type { ScanError } from '../../../src/model/finding.js';

/** Parses fully (syntax, model, final container); only `SourceError` may escape. */
function parsesOrRejects(text: string): void {
  const src = sourceFile('Dockerfile', text);
  try {
    const ast = parseDockerfile(text);
    dumpBuildkit(ast);
    buildSpecFromAst(ast, src);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    assert.ok(error.line === undefined || error.line >= 1, `line ${error.line}`);
  }
  const model = emptyModel();
  const errors: ScanError[] = [];
  dockerfileSource.parse(src, model, errors);
  for (const e of errors) assert.doesNotMatch(e.message, /could not parse the Containerfile/, e.message);
}

// Pieces that exercise every branch: keywords, flags, quotes, escapes, heredocs, JSON, variables.
const PIECES = [
  'FROM ', 'RUN ', 'ENV ', 'ARG ', 'LABEL ', 'COPY ', 'ADD ', 'USER ', 'EXPOSE ', 'ONBUILD ', 'HEALTHCHECK ', 'CMD ', 'AS ',
  'alpine', 'x=y', '=', '--from=', '--mount=type=cache', '--', '-', '\\', '`', '"', "'", '[', ']', ',', '{', '}',
  '$', '${', ':-', ':?', '#', '%', '/', '<<', '<<-', 'EOF', '\n', '\r\n', ' ', '\t', '\u00a0', '\u0085', '\uFEFF',
  '# escape=`\n', '# syntax=x\n', '0', '80/tcp', '1-2', 'é', '😀', '\u0000',
];

const dockerfileish = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

test('arbitrary strings: a result or a SourceError', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parsesOrRejects), { numRuns: 500 });
  fc.assert(fc.property(dockerfileish, parsesOrRejects), { numRuns: 1500 });
});

const skip = needConformance('buildkit-dockerfile');

function conformanceTexts(): string[] {
  const root = join(conformanceDir, 'buildkit-dockerfile/parser');
  const texts: string[] = [];
  for (const folder of ['testfiles', 'testfiles-negative']) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) texts.push(readFileSync(join(dir, name, 'Dockerfile'), 'utf8'));
  }
  texts.push(readFileSync(join(root, 'testfile-line/Dockerfile'), 'utf8'));
  return texts;
}

type Mutation = { at: number; kind: 'insert' | 'delete' | 'duplicate'; piece: string; length: number };

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + m.piece + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else out = out.slice(0, at) + out.slice(at, at + m.length * 8) + out.slice(at);
  }
  return out;
}

test('mutated buildkit test files: a result or a SourceError', { skip }, () => {
  const texts = conformanceTexts();
  const mutation = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom<Mutation['kind']>('insert', 'delete', 'duplicate'),
    piece: fc.constantFrom(...PIECES),
    length: fc.integer({ min: 1, max: 40 }),
  });
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (index, mutations) => {
      parsesOrRejects(mutate(texts[index]!, mutations));
    }),
    { numRuns: 1500 },
  );
});

// Linearity itself is measured in bench/ (`npm run bench -- dockerfile`, a growth ratio);
// the timeout here only stops a quadratic regression from hanging the suite.
test('huge lines and many instructions parse or are rejected cleanly', { timeout: 120_000 }, () => {
  parsesOrRejects(`# syntax=x${' '.repeat(60_000)}y\nFROM alpine\n`);
  parsesOrRejects(`FROM alpine\nRUN a\\${' '.repeat(60_000)}b\n`);
  parsesOrRejects(`FROM alpine\nENV ${'a=b '.repeat(10_000)}\n`);
  parsesOrRejects(`FROM alpine\nENV ${Array.from({ length: 10_000 }, (_, i) => `v${i}=$v${i - 1}`).join(' ')}\n`);
  parsesOrRejects('FROM alpine AS s0\n' + Array.from({ length: 2_000 }, (_, i) => `FROM s${i} AS s${i + 1}\nUSER ${i}\n`).join(''));
  parsesOrRejects('FROM alpine\n' + 'RUN echo "hello world" && \\\n  make \\\n  # comment\n  install\n'.repeat(5_000));
});
