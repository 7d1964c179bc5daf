import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BuildSpec, Instruction, Stage } from '../../../src/model/build-spec.js';
import { lineLocation } from '../../../src/model/location.js';
import { historyKind, linkLayersToBuild } from '../../../src/sources/image/link-containerfile.js';
import { imageOf } from '../../support/image-spec-fixture.js';
import findingsRule from '../../../src/rules/secret-file-in-image.js';
import { findingsOf } from '../../support/image-spec-fixture.js';

const FILE = 'Containerfile';
const ins = (line: number, keyword: string, text: string): Instruction => ({ keyword, loc: lineLocation(FILE, line, 1, line, 10), keywordLoc: lineLocation(FILE, line, 1, line, keyword.length + 1), flags: [], args: [], json: false, text, heredocs: [] });
const stage = (index: number, instructions: Instruction[], baseStage?: number): Stage => ({
  index,
  from: ins(1, 'FROM', 'scratch'),
  base: { value: 'scratch', loc: lineLocation(FILE, 1) },
  instructions,
  ...(baseStage !== undefined ? { baseStage } : {}),
});

test('history kinds', () => {
  assert.equal(historyKind('/bin/sh -c #(nop) COPY file:abc in /x '), 'COPY');
  assert.equal(historyKind('COPY app /app # buildkit'), 'COPY');
  assert.equal(historyKind('ADD file:1 in /'), 'ADD');
  assert.equal(historyKind('|1 A=b /bin/sh -c make'), 'RUN');
  assert.equal(historyKind('RUN /bin/sh -c make # buildkit'), 'RUN');
});

test('layers are aligned from the end; base-image layers stay unlinked', () => {
  // Base image layer, then COPY busybox, RUN ln, COPY secret.txt, RUN rm.
  const image = imageOf(
    [[], [], [], [{ path: '/app/secret.txt', facts: { secretName: 'secret-named file' } }], []],
    ['ADD file:base in / ', '/bin/sh -c #(nop) COPY file:1 in /bin/busybox ', '/bin/sh -c ln -s busybox /bin/sh', '/bin/sh -c #(nop) COPY file:2 in /app/secret.txt ', '|1 API_TOKEN=x /bin/sh -c cat /app/secret.txt && rm /app/secret.txt'],
  );
  const build: BuildSpec = {
    file: FILE,
    loc: lineLocation(FILE, 1),
    globalArgs: [],
    escape: '\\',
    directives: [],
    stages: [stage(0, [ins(2, 'COPY', 'busybox /bin/busybox'), ins(3, 'RUN', 'ln -s busybox /bin/sh'), ins(4, 'ARG', 'API_TOKEN'), ins(5, 'COPY', 'secret.txt /app/secret.txt'), ins(6, 'RUN', 'cat /app/secret.txt && rm /app/secret.txt')])],
  };
  assert.equal(linkLayersToBuild(image, build), 4);
  assert.equal(image.layers[0]!.instruction, undefined);
  assert.deepEqual(image.layers.map((l) => l.instruction?.startLine), [undefined, 2, 3, 5, 6]);
  const [finding] = findingsOf(findingsRule, image);
  assert.deepEqual(finding!.related, [{ message: 'Containerfile instruction that made layer 3', location: lineLocation(FILE, 5, 1, 5, 10) }]);
});

test('a RUN whose command differs stops the alignment', () => {
  const image = imageOf([[], []], ['/bin/sh -c make all', '/bin/sh -c make install']);
  const build: BuildSpec = { file: FILE, loc: lineLocation(FILE, 1), globalArgs: [], escape: '\\', directives: [], stages: [stage(0, [ins(2, 'RUN', 'make all')]), stage(1, [ins(4, 'RUN', 'something else')], 0)] };
  assert.equal(linkLayersToBuild(image, build), 0);
});
