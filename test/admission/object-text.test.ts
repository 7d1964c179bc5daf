import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'js-yaml';
import fc from 'fast-check';
import { fieldPath, objectText, ownerPointer } from '../../src/admission/object-text.js';

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
