/**
 * Builds a scan model from YAML text for tests: every document becomes a
 * KubeObject, and every workload kind a minimal Workload (pod template labels,
 * namespace, containers with ports). A stand-in for the Kubernetes source in tests
 * that are about analyses, not parsing.
 */
import { emptyContainer } from '../../src/model/container-spec.js';
import type { KubeObject } from '../../src/model/kube-object.js';
import { emptyModel, type ScanModel } from '../../src/model/scan-model.js';
import type { Workload } from '../../src/model/workload.js';
import { parseYaml } from '../../src/sources/yaml/parse-yaml.js';
import { locAt, locate, nodeLoc } from '../../src/sources/yaml/yaml-node.js';
import { sourceFile } from '../../src/sources/source-file.js';

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

const TEMPLATE_PATH: Record<string, string[]> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Parses one or more YAML texts (each a file) into a model. */
export function kubeModel(...files: (string | { path: string; text: string })[]): ScanModel {
  const model = emptyModel();
  files.forEach((f, n) => {
    const { path, text } = typeof f === 'string' ? { path: n === 0 ? 'test.yaml' : `test${n}.yaml`, text: f } : f;
    addYaml(model, path, text);
  });
  return model;
}

/** Adds one file's documents to a model. */
export function addYaml(model: ScanModel, path: string, text: string): void {
  const src = sourceFile(path, text);
  model.files.set(path, src);
  for (const doc of parseYaml(src)) {
    if (!isRecord(doc.value) || !doc.node) continue;
    const value = doc.value;
    const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
    const obj: KubeObject = {
      file: path,
      apiVersion: String(value['apiVersion'] ?? ''),
      kind: String(value['kind'] ?? ''),
      labels: strings(metadata['labels']),
      annotations: strings(metadata['annotations']),
      loc: locate(doc.node, ['metadata', 'name']).found ? locAt(doc.node, ['metadata', 'name']) : locAt(doc.node, ['kind']),
      value,
      node: doc.node,
    };
    if (typeof metadata['name'] === 'string') obj.name = metadata['name'];
    if (typeof metadata['namespace'] === 'string') obj.namespace = metadata['namespace'];
    model.kubeObjects.push(obj);
    const path2 = TEMPLATE_PATH[obj.kind];
    if (path2) model.workloads.push(workloadOf(obj, path2));
  }
}

function workloadOf(obj: KubeObject, templatePath: string[]): Workload {
  let template: unknown = obj.value;
  for (const k of templatePath) template = isRecord(template) ? template[k] : undefined;
  const t = isRecord(template) ? template : {};
  const tMeta = isRecord(t['metadata']) ? t['metadata'] : {};
  const spec = isRecord(t['spec']) ? t['spec'] : {};
  const tNode = locate(obj.node, templatePath).node;
  const w: Workload = {
    input: 'K8S',
    file: obj.file,
    loc: obj.loc,
    kind: obj.kind,
    labels: obj.kind === 'Pod' ? obj.labels : strings(tMeta['labels']),
    annotations: obj.annotations,
    containers: [],
    pod: { metadata: tMeta, spec, specNode: locate(tNode, ['spec']).node, metadataNode: locate(tNode, ['metadata']).node },
  };
  if (obj.name !== undefined) w.name = obj.name;
  if (obj.namespace !== undefined) w.namespace = obj.namespace;
  const containers = Array.isArray(spec['containers']) ? spec['containers'] : [];
  containers.forEach((c, i) => {
    const cNode = locate(tNode, ['spec', 'containers', i]).node!;
    const cs = emptyContainer('K8S', nodeLoc(cNode), { kind: obj.kind, name: obj.name ?? '', container: String((c as Raw)['name'] ?? '') }, w);
    const ports = isRecord(c) && Array.isArray(c['ports']) ? c['ports'] : [];
    ports.forEach((p, j) => {
      if (!isRecord(p) || typeof p['containerPort'] !== 'number') return;
      const loc = locAt(cNode, ['ports', j]);
      cs.ports.push({ loc, containerPort: { value: p['containerPort'], loc }, protocol: typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP' });
    });
    w.containers.push(cs);
  });
  return w;
}

function strings(v: unknown): Record<string, string> {
  return isRecord(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};
}
