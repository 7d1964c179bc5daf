import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseKubernetes } from '../../../src/sources/kubernetes/kubernetes-source.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import { emptyModel } from '../../../src/model/scan-model.js';
import type { ScanError } from '../../../src/model/finding.js';
import { manifest } from '../../../bench/k8s-corpus.js';

function parseNeverThrows(text: string): ScanError[] {
  const errors: ScanError[] = [];
  parseKubernetes(sourceFile('p.yaml', text), emptyModel(), errors);
  for (const e of errors) {
    assert.equal(e.file, 'p.yaml');
    assert.ok(e.message.length > 0);
    if (e.line !== undefined) assert.ok(e.line >= 1);
  }
  return errors;
}

test('arbitrary text never throws, errors name the file', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void parseNeverThrows(`apiVersion: v1\nkind: Pod\n${s}`)), { numRuns: 500 });
});

test('mutated real manifests never throw', () => {
  const base = manifest(4) + '---\n' + manifest(9);
  fc.assert(
    fc.property(fc.nat(base.length - 1), fc.nat(40), fc.string({ maxLength: 12 }), (at, cut, insert) => {
      void parseNeverThrows(base.slice(0, at) + insert + base.slice(at + cut));
    }),
    { numRuns: 400 },
  );
});

test('structurally wrong but valid YAML is a schema error, never a crash', () => {
  const values = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant([1, 'a']));
  fc.assert(
    fc.property(values, values, values, values, (containers, sc, env, volumes) => {
      const doc = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x:1', securityContext: sc, env }], volumes, initContainers: containers } };
      void parseNeverThrows(JSON.stringify(doc));
    }),
    { numRuns: 300 },
  );
});
