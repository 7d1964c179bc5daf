/** Hand-made ImageSpecs for rule tables, and a runner that returns one rule's findings. */
import type { ImageLayer, ImageSpec, LayerFile } from '../../src/model/image-spec.js';
import { emptyModel } from '../../src/model/scan-model.js';
import type { Finding } from '../../src/model/finding.js';
import { runRules } from '../../src/engine/run-rules.js';
import type { RuleDefinition } from '../../src/rules/rule.js';
import { imageLocation } from '../../src/sources/image/image-spec-builder.js';
import { noSettings } from './rule-settings.js';

export const REF = 'oci:/images/app:v1';

export function layerDigest(i: number): string {
  return `sha256:${String(i).repeat(64).slice(0, 64)}`;
}

/** An image with one layer per `files` entry; history step i made layer i. */
export function imageOf(layers: Partial<LayerFile>[][], history: string[] = []): ImageSpec {
  const specLayers: ImageLayer[] = layers.map((files, index) => ({
    digest: layerDigest(index),
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    index,
    historyIndex: index,
    files: files.map((f) => ({ path: '/x', layerIndex: index, type: 'file', mode: 0o644, size: 1, facts: {}, ...f })),
    whiteouts: [],
    entryCount: files.length,
    expandedBytes: 0,
  }));
  const steps = history.length ? history : layers.map((_, i) => `/bin/sh -c #(nop) COPY file:abc in /step${i} `);
  const finalFiles = specLayers.flatMap((l) => l.files.filter((f) => !f.deletedBy));
  return {
    ref: REF,
    loc: imageLocation(REF),
    platform: { os: 'linux', architecture: 'amd64' },
    config: { env: [], exposedPorts: [], labels: {} },
    history: steps.map((createdBy, i) => ({ createdBy, emptyLayer: i >= layers.length, ...(i < layers.length ? { layerIndex: i } : {}) })),
    layers: specLayers,
    finalFiles,
    packages: [],
  };
}

export function findingsOf(rule: RuleDefinition, image: ImageSpec): Finding[] {
  const model = emptyModel();
  model.images.push(image);
  return runRules(model, { rules: [rule], settings: noSettings });
}
