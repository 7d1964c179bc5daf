/**
 * Builds a scan model from YAML text for tests, through the real Kubernetes
 * source, so analyses are tested on exactly what a scan would give them.
 */
import assert from 'node:assert/strict';
import type { ScanError } from '../../src/model/finding.js';
import { emptyModel, type ScanModel } from '../../src/model/scan-model.js';
import { parseKubernetes } from '../../src/sources/kubernetes/kubernetes-source.js';
import { sourceFile } from '../../src/sources/source-file.js';

/** Parses one or more YAML texts (each a file) into a model. */
export function kubeModel(...files: (string | { path: string; text: string })[]): ScanModel {
  const model = emptyModel();
  files.forEach((f, n) => {
    const { path, text } = typeof f === 'string' ? { path: n === 0 ? 'test.yaml' : `test${n}.yaml`, text: f } : f;
    addYaml(model, path, text);
  });
  return model;
}

/** Adds one file's documents to a model; a fixture that does not parse fails the test. */
export function addYaml(model: ScanModel, path: string, text: string): void {
  const errors: ScanError[] = [];
  const src = sourceFile(path, text);
  model.files.set(path, src);
  parseKubernetes(src, model, errors);
  assert.deepEqual(errors, [], `fixture ${path} should parse`);
}
