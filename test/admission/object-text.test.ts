import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldPath, objectText, ownerPointer } from '../../src/admission/object-text.js';

test('the printed object is JSON.stringify(v, null, 2) and each line knows its pointer', () => {
  const value = { metadata: { name: 'web', labels: {} }, spec: { containers: [{ name: 'c', ports: [] }], 'a/b~c': [1, null] } };
  const { text, pointers } = objectText(value);
  assert.equal(text, `${JSON.stringify(value, null, 2)}\n`);
  const lines = text.split('\n');
  const at = (fragment: string) => pointers[lines.findIndex((l) => l.includes(fragment))];
  assert.equal(at('"name": "web"'), '/metadata/name');
  assert.equal(at('"labels": {}'), '/metadata/labels');
  assert.equal(at('"name": "c"'), '/spec/containers/0/name');
  assert.equal(at('"a/b~c"'), '/spec/a~1b~0c');
  assert.equal(pointers.length, lines.length - 1);
});

test('field paths read like kubectl\'s, and absent facts point at their owner', () => {
  assert.equal(fieldPath('/spec/containers/0/securityContext/privileged'), 'spec.containers[0].securityContext.privileged');
  assert.equal(fieldPath('/metadata/annotations/seaworthy.io~1ignore'), 'metadata.annotations["seaworthy.io/ignore"]');
  assert.equal(fieldPath(''), '');
  assert.equal(ownerPointer('/spec/template/spec/initContainers/2/name'), '/spec/template/spec/initContainers/2');
  assert.equal(ownerPointer('/metadata/name'), '');
  assert.equal(ownerPointer('/spec/volumes/0/hostPath/path'), '/spec/volumes/0/hostPath/path');
});
