/**
 * The fast reader (fast-yaml.ts) against the full parser it stands in for: wherever
 * it accepts a text, the values and the whole position tree (every node's kind and
 * range, every key) must be exactly what the full parser gives; wherever the full
 * parser rejects a text, the fast reader must give up on it. Inputs: every
 * yaml-test-suite case, every YAML file in the repository, the benchmark corpora,
 * generated manifests in every style the fast reader handles, and random edits of
 * all of these.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { fastParseYaml } from '../../../src/sources/yaml/fast-yaml.js';
import { parseYamlFull, type YamlOptions } from '../../../src/sources/yaml/parse-yaml.js';
import { DEFAULT_ALIAS_BUDGET } from '../../../src/sources/yaml/alias-budget.js';
import { resolveGoYamlV2Plain, resolveGoYamlV3Plain } from '../../../src/sources/yaml/go-yaml-schema.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import type { YamlNode } from '../../../src/sources/yaml/yaml-node.js';
import { needConformance, repoRoot } from '../../support/prerequisites.js';
import { suiteDir } from '../../support/yaml-differential.js';
import { manifest } from '../../../bench/k8s-corpus.js';
import { composeFile } from '../../../bench/corpora.js';

type Dialect = 'kubernetes' | 'compose';
const DIALECTS: Dialect[] = ['kubernetes', 'compose'];

/** A node tree as plain data, so two trees compare with deepEqual and a difference prints. */
function shape(node: YamlNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return [node.start, node.end];
  if (node.kind === 'seq') return { seq: [node.start, node.end], items: node.items.map(shape) };
  return { map: [node.start, node.end], entries: [...node.entries].map(([name, e]) => [name, shape(e.key), shape(e.value)]) };
}

type Verdict = 'accepted' | 'declined';

/** Both readers on one text; throws (with the text) when the fast reader's answer differs. */
function compare(text: string, dialect: Dialect, what: string): Verdict {
  const src = sourceFile('in.yaml', text);
  const fast = fastParseYaml(src, dialect === 'kubernetes' ? resolveGoYamlV2Plain : resolveGoYamlV3Plain, DEFAULT_ALIAS_BUDGET);
  if (!fast) return 'declined';
  let full;
  try {
    full = parseYamlFull(src, { dialect } satisfies YamlOptions);
  } catch (error) {
    assert.fail(`${what} (${dialect}): the fast reader accepted what the full parser rejects (${(error as Error).message}):\n${text}`);
  }
  const values = (docs: { value: unknown }[]) => docs.map((d) => d.value);
  assert.ok(isDeepStrictEqual(values(fast), values(full)), `${what} (${dialect}): values differ:\n${text}\nfast ${JSON.stringify(values(fast))}\nfull ${JSON.stringify(values(full))}`);
  // Key order too (reports list keys as written).
  assert.equal(JSON.stringify(values(fast)), JSON.stringify(values(full)), `${what} (${dialect}): key order differs:\n${text}`);
  assert.deepEqual(fast.map((d) => d.index), full.map((d) => d.index), `${what}: document indexes`);
  assert.deepEqual(fast.map((d) => shape(d.node)), full.map((d) => shape(d.node)), `${what} (${dialect}): positions differ:\n${text}`);
  return 'accepted';
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) yamlFiles(path, out);
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(path);
  }
  return out;
}

test('yaml-test-suite: wherever the fast reader accepts a case, it reads it exactly as the full parser does', (t) => {
  const skip = needConformance('yaml-test-suite');
  if (skip) return t.skip(skip);
  const counts = { accepted: 0, declined: 0 };
  for (const id of readdirSync(suiteDir).sort()) {
    const text = readFileSync(join(suiteDir, id, 'in.yaml'), 'utf8');
    for (const dialect of DIALECTS) counts[compare(text, dialect, `suite case ${id}`)]++;
  }
  console.log(`# yaml-test-suite: fast reader accepted ${counts.accepted}, left ${counts.declined} to the full parser`);
  assert.ok(counts.accepted > 50, 'the fast reader takes the plain cases');
});

test("every YAML file in the repository reads the same through both readers; the repository's manifests take the fast path", () => {
  const counts = { accepted: 0, declined: 0 };
  for (const file of yamlFiles(repoRoot)) {
    const text = readFileSync(file, 'utf8');
    for (const dialect of DIALECTS) counts[compare(text, dialect, file)]++;
  }
  console.log(`# repository YAML files (both dialects): fast reader accepted ${counts.accepted}, left ${counts.declined} to the full parser`);
  assert.ok(counts.accepted > 40, 'the repository\'s plain manifests and Compose files take the fast path');
});

test('the benchmark corpora read the same and all take the fast path', () => {
  for (let i = 0; i < 60; i++) assert.equal(compare(manifest(i), 'kubernetes', `manifest ${i}`), 'accepted', `manifest ${i}`);
  for (let i = 0; i < 20; i++) assert.equal(compare(composeFile(i, 3), 'compose', `compose ${i}`), 'accepted', `compose ${i}`);
});

test('anchors, aliases, merge keys and block scalars: read the same, and taken by the fast reader', () => {
  const cases = [
    'x: &c\n  r: 1\n  s: 2\none:\n  <<: *c\n  s: 3\n  t: 4\ntwo:\n  t: 0\n  <<: *c\n  r: 9\nw: &v 5\nq: *v\nl: &l [1, 2]\nm: *l\n',
    'a: |\n  x\n   y\n\n  z\n\nb: >-\n  p\n  q\n\n  r\nc: x\n',
    'a: |\n  x\n\n# c\nb: |+\n  y\n\n\nc: >\n  z\n  ',
    'k:\n- |-\n  one\n  two\n- >\n  folded\n  text\n\n- &s plain\n- *s\n',
    'data:\n  app.yaml: |\n    server:\n      port: 8080\n    # not a comment\n  other: 1\n',
  ];
  for (const text of cases) for (const dialect of DIALECTS) assert.equal(compare(text, dialect, 'case'), 'accepted', text);
  // What the fast reader leaves to the full parser, which alone reports errors and budgets.
  const declined = ['a: &x\nb: *x\n', 'a: *nowhere\n', 'a: |2\n   x\n', 'a: b\n...\n', 'a: "multi\n  line"\n', '"<<": {}\n', 'a: !tag x\n', 'a:\tb\n'];
  for (const text of declined) for (const dialect of DIALECTS) assert.equal(compare(text, dialect, 'declined case'), 'declined', text);
});

/** Scalars in the spellings manifests use, including the ones schemas read as non-strings. */
const scalarText = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z][a-z0-9.:/-]{0,12}$/), weight: 30 },
  fc.constantFrom('true', 'yes', 'no', 'on', 'off', 'y', 'N', 'null', '~', 'Null', '0777', '0o17', '0x1F', '1_000', '1e3', '.5', '-.inf', '.NaN', '08', '+12', '-0', '1:30', '2024-01-01', '12.5Mi', '500m', '25%'),
  fc.constantFrom('nginx:1.27', 'http://example.com/a?b=c#d', 'a#b', '-x', '--flag=1', 'a b', 'x: y', 'a #b', "it's", 'say "hi"', 'tab\there', 'back\\slash', 'ü', '', ' lead', 'trail ', '-', '?', ':', '[x]', '{y}', 'a,b', '*x', '&y', '!z', '|', '>', '%', '@', '`'),
  fc.string({ maxLength: 8 }),
);

const scalarStyle = fc.constantFrom('plain', 'double', 'single');

function styledScalar(value: string, style: string): string {
  if (style === 'double') return JSON.stringify(value);
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  return value;
}

const key = fc.oneof(
  { arbitrary: fc.constantFrom('name', 'image', 'a', 'b', 'spec', '"q"', "'s'", 'a b', 'x-y', 'k.io/n'), weight: 10 },
  { arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,5}$/), weight: 5 },
  { arbitrary: fc.constantFrom('true', '1', 'y', '~', '<<', '"<<"', '? x', '-k', 'a#b', 'k #c'), weight: 1 },
);

interface Tree {
  kind: 'map' | 'seq' | 'scalar' | 'flowmap' | 'flowseq';
  entries?: [string, Tree][];
  items?: Tree[];
  text?: string;
}

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree; flow: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(scalarText, scalarStyle).map(([v, s]) => ({ kind: 'scalar' as const, text: styledScalar(v, s) })),
    fc.array(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4 }).map((entries) => ({ kind: 'map' as const, entries })),
    fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((items) => ({ kind: 'seq' as const, items })),
    tie('flow'),
  ),
  flow: fc.oneof(
    { depthSize: 'small' },
    fc.array(fc.tuple(key, fc.tuple(scalarText, scalarStyle).map(([v, s]) => ({ kind: 'scalar' as const, text: styledScalar(v, s) }))), { maxLength: 3 }).map((entries) => ({ kind: 'flowmap' as const, entries })),
    fc.array(fc.tuple(scalarText, scalarStyle).map(([v, s]) => ({ kind: 'scalar' as const, text: styledScalar(v, s) })), { maxLength: 3 }).map((items) => ({ kind: 'flowseq' as const, items })),
  ),
})).node;

/** Block YAML for a tree, with the layout choices manifests show (sequences at their key's indentation or deeper, comments, blank lines). */
function render(t: Tree, indent: number, seqAtKey: boolean, comments: boolean): string[] {
  const pad = ' '.repeat(indent);
  const inline = (v: Tree): string | undefined => (v.kind === 'scalar' ? v.text! : v.kind === 'flowmap' ? `{${v.entries!.map(([k, x]) => `${k}: ${x.text}`).join(', ')}}` : v.kind === 'flowseq' ? `[${v.items!.map((x) => x.text).join(', ')}]` : undefined);
  if (t.kind === 'map') {
    return t.entries!.flatMap(([k, v], i) => {
      const one = inline(v);
      const head = comments && i === 1 ? [`${pad}# note`, ''] : [];
      if (one !== undefined) return [...head, `${pad}${k}: ${one}${comments && i === 0 ? ' # trailing' : ''}`];
      const inner = v.kind === 'seq' && seqAtKey ? indent : indent + 2;
      return [...head, `${pad}${k}:`, ...render(v, inner, seqAtKey, comments)];
    });
  }
  if (t.kind === 'seq') {
    return t.items!.flatMap((v) => {
      const one = inline(v);
      if (one !== undefined) return [`${pad}- ${one}`];
      const lines = render(v, indent + 2, seqAtKey, comments);
      // `- first: …` with the rest aligned under it.
      return v.kind === 'map' ? [`${pad}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1)] : [`${pad}-`, ...lines];
    });
  }
  return [`${pad}${inline(t)}`];
}

test('generated block YAML: the fast reader agrees with the full parser on every document it accepts, and accepts the common shapes', () => {
  let accepted = 0;
  let runs = 0;
  fc.assert(
    fc.property(fc.array(tree, { minLength: 1, maxLength: 3 }), fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()), (docs, [seqAtKey, comments, leadingMarker]) => {
      // A document is a block mapping or sequence (a scalar or flow root is left to the full parser).
      const roots = docs.map((d): Tree => (d.kind === 'map' || d.kind === 'seq' ? d : { kind: 'map', entries: [['root', d]] }));
      const text = (leadingMarker ? '---\n' : '') + roots.map((d) => render(d, 0, seqAtKey, comments).join('\n') + '\n').join('---\n');
      runs++;
      if (compare(text, 'kubernetes', 'generated') === 'accepted') accepted++;
      compare(text, 'compose', 'generated');
    }),
    { numRuns: 600 },
  );
  console.log(`# generated documents: fast reader accepted ${accepted} of ${runs}`);
  assert.ok(accepted > runs / 5, 'a good share of generated documents take the fast path');
});

test('random edits of real files: the fast reader never accepts what the full parser rejects, and agrees where both read', () => {
  const files = yamlFiles(join(repoRoot, 'test')).slice(0, 400).map((f) => readFileSync(f, 'utf8')).filter((t) => t.length < 20_000);
  const samples = [...files, manifest(7), composeFile(3, 2)];
  fc.assert(
    fc.property(
      fc.constantFrom(...samples),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom('', ' ', '  ', '\n', '- ', ': ', '#', '"', "'", '{', '}', '[', ']', ',', '---\n', 'x', '&a ', '*a', '\t', '|\n', '...\n')), { minLength: 1, maxLength: 4 }),
      fc.constantFrom(...DIALECTS),
      (sample, edits, dialect) => {
        let text = sample;
        for (const [at, del, ins] of edits) {
          const p = text.length ? at % text.length : 0;
          text = text.slice(0, p) + ins + text.slice(p + del);
        }
        compare(text, dialect, 'edited');
      },
    ),
    { numRuns: 1500 },
  );
});
