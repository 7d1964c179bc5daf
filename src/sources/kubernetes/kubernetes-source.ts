/**
 * Kubernetes manifests (YAML or JSON, multi-document, `List`s) → model. Every
 * object is kept as a KubeObject; workload kinds also become Workloads with their
 * pod template's containers.
 */
import type { ScanError } from '../../model/finding.js';
import type { KubeObject } from '../../model/kube-object.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import type { SourceDefinition } from '../source.js';
import type { SourceFile } from '../source-file.js';
import { parseYaml, YamlSyntaxError, type YamlDocument } from '../yaml/parse-yaml.js';
import { jsonObjectRanges, parseJsonStream } from './json-stream.js';
import { childOf, keyLoc, nodeLoc, type YamlNode } from '../yaml/yaml-node.js';
import { addContainers } from './container-from-pod.js';
import { isObj, Reader, type Obj } from './located-reader.js';
import { isListKind, listItemKind, POD_TEMPLATE_PATHS } from './workload-kinds.js';
import { controllerOf } from './owner-references.js';
import { spendAt } from '../../scan/file-budget.js';
import { chartOfTemplate, readHelmTemplate, renderHint } from './helm-template.js';
import { IGNORE_ANNOTATION, JSON_START, kubernetesKind } from './kubernetes-kind.js';

/** Kinds whose controller names the workload they belong to (see group-owned-pods.ts). */
const OWNED_KINDS = new Set(['Pod', 'ReplicaSet', 'Job']);

export { IGNORE_ANNOTATION };

export const kubernetesSource: SourceDefinition = {
  ...kubernetesKind,
  parse: parseKubernetes,
};

/** Parses a Kubernetes manifest file into the model. */
export function parseKubernetes(src: SourceFile, model: ScanModel, errors: ScanError[]): void {
  // A chart's template is judged only once rendered, even where it happens to parse:
  // its values (`{{ .Values.image }}`) are not what the cluster will see.
  if (chartOfTemplate(src.path) && helmTemplateError(src, errors)) return;
  let docs;
  try {
    docs = parseYaml(src, { dialect: 'kubernetes' });
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      // Objects written one after another, as kubectl's JSON stream decoder reads them.
      const objects = JSON_START.test(src.text) ? jsonObjectRanges(src.text) : undefined;
      if (objects) docs = readJsonStream(src, objects, errors);
      if (docs) return addDocuments(src, docs, model, errors);
      // Not a YAML mistake: a Go template, YAML only once Helm renders it.
      if (helmTemplateError(src, errors)) return;
      errors.push({ file: src.path, ...(error.line !== undefined && { line: error.line, column: error.column }), message: `YAML syntax error: ${error.message}`, code: 'parse' });
      return;
    }
    throw error;
  }
  addDocuments(src, docs, model, errors);
}

function addDocuments(src: SourceFile, docs: readonly YamlDocument[], model: ScanModel, errors: ScanError[]): void {
  for (const doc of docs) {
    if (!doc.node || !isObj(doc.value)) continue;
    spendAt(doc.node.start); // the per-file time budget (scan/file-budget.ts)
    addObject(src, doc.value, doc.node, model, errors);
  }
}

/** A JSON stream's objects, or undefined (with the error) when one is malformed. */
function readJsonStream(src: SourceFile, objects: [number, number][], errors: ScanError[]): YamlDocument[] | undefined {
  try {
    return parseJsonStream(src, objects);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    errors.push({ file: src.path, ...(error.line !== undefined && { line: error.line, column: error.column }), message: `JSON syntax error: ${error.message}`, code: 'parse' });
    return [];
  }
}

/** The error for a Helm template, at the line really wrong (or its first action); false when the text holds no template action. */
function helmTemplateError(src: SourceFile, errors: ScanError[]): boolean {
  const template = readHelmTemplate(src.text);
  if (!template) return false;
  const { problem } = template;
  const line = problem?.line ?? template.firstAction;
  // Outside a chart it may be another tool's Go template (goreleaser, Argo CD's e2e fixtures): say what is known.
  const kind = chartOfTemplate(src.path) ? 'a Helm template' : 'a Go template (Helm chart syntax)';
  const what = `${kind} (Go template syntax from line ${template.firstAction}), not YAML until rendered`;
  const fix = `scan the rendered chart: ${renderHint(src.path)}`;
  errors.push({ file: src.path, line, column: problem?.column ?? 1, message: problem ? `${what}; line ${line}: ${problem.message}; ${fix}` : `${what}: ${fix}`, code: 'helm-template' });
  return true;
}

/**
 * Adds one object already in memory, with its position tree, to the model: what
 * `parseKubernetes` does for each document it parsed. The webhook uses it for the
 * reviewed object, which arrives as JSON and needs no YAML parse.
 */
export function addKubernetesObject(src: SourceFile, value: unknown, node: YamlNode, model: ScanModel, errors: ScanError[]): void {
  if (isObj(value)) addObject(src, value, node, model, errors);
}

/** What a typed list (`PodList`) tells its items that name no kind or apiVersion of their own. */
interface ListDefaults {
  listKind: string;
  kind?: string;
  apiVersion?: string;
}

function addObject(src: SourceFile, value: Obj, node: YamlNode, model: ScanModel, errors: ScanError[], list?: ListDefaults): void {
  const ownKind = typeof value['kind'] === 'string' && value['kind'] ? value['kind'] : undefined;
  const ownApi = typeof value['apiVersion'] === 'string' && value['apiVersion'] ? value['apiVersion'] : undefined;
  // The API server leaves kind and apiVersion out of a typed list's items: the list names them.
  const kind = ownKind ?? list?.kind;
  const apiVersion = ownApi ?? list?.apiVersion;
  if (list && !kind) {
    const loc = nodeLoc(node);
    errors.push({ file: src.path, line: loc.startLine, column: loc.startColumn, message: `${list.listKind}: an item without kind (only a typed list such as PodList names its items' kind)`, code: 'schema' });
    return;
  }
  if (!kind || !apiVersion) return; // not a Kubernetes object (a values file, a stray document)
  const onSchemaError = (message: string, at: YamlNode): void => {
    const loc = nodeLoc(at);
    errors.push({ file: src.path, line: loc.startLine, column: loc.startColumn, message: `${kind}: ${message}`, code: 'schema' });
  };
  const root = new Reader(value, node, onSchemaError);

  if (isListKind(kind) && Array.isArray(value['items'])) {
    const itemsNode = childOf(node, 'items');
    const defaults: ListDefaults = { listKind: kind, apiVersion };
    const itemKind = listItemKind(kind);
    if (itemKind) defaults.kind = itemKind;
    value['items'].forEach((item, i) => {
      const itemNode = childOf(itemsNode, i);
      if (isObj(item) && itemNode) addObject(src, item, itemNode, model, errors, defaults);
    });
    return;
  }

  const meta = root.obj('metadata');
  const name = meta?.str('name');
  const namespace = meta?.str('namespace');
  const object: KubeObject = {
    file: src.path,
    apiVersion,
    kind,
    labels: meta?.stringMap('labels') ?? {},
    annotations: meta?.stringMap('annotations') ?? {},
    loc: name?.loc ?? keyLoc(node, 'kind') ?? nodeLoc(node),
    value,
    node,
  };
  if (name) object.name = name.value;
  if (namespace) object.namespace = namespace.value;
  model.kubeObjects.push(object);

  const ignore = meta?.obj('annotations')?.str(IGNORE_ANNOTATION);
  if (ignore) {
    const span = nodeLoc(node);
    model.annotationSuppressions.push({
      file: src.path,
      loc: ignore.loc,
      raw: ignore.value,
      resource: { kind, ...(object.namespace !== undefined && { namespace: object.namespace }), ...(object.name !== undefined && { name: object.name }) },
      startLine: span.startLine,
      endLine: span.endLine,
    });
  }

  const templatePath = POD_TEMPLATE_PATHS[kind];
  if (templatePath) addWorkload(src, object, root, templatePath, model, onSchemaError);
}

function addWorkload(
  src: SourceFile,
  object: KubeObject,
  root: Reader,
  templatePath: readonly string[],
  model: ScanModel,
  onSchemaError: (message: string, at: YamlNode) => void,
): void {
  // Without a pod template the object is partial (a Kustomize patch, a fragment):
  // kept as an object, not judged as a workload. A template of the wrong type is
  // still reported by the reader.
  let template: Reader | undefined = root;
  for (const key of templatePath) template = template?.obj(key);
  const spec = template?.obj('spec');
  if (!template || !spec) return;
  const podMeta = template.obj('metadata');
  const workload: Workload = {
    input: 'K8S',
    file: src.path,
    loc: object.loc,
    kind: object.kind,
    labels: podMeta?.stringMap('labels') ?? {},
    // An ignore annotation may sit on the object or on its pod template.
    annotations: { ...(podMeta?.stringMap('annotations') ?? {}), ...object.annotations },
    containers: [],
    pod: { metadata: podMeta?.value ?? {}, spec: spec.value, specNode: spec.node, ...(podMeta && { metadataNode: podMeta.node }) },
  };
  if (object.name !== undefined) workload.name = object.name;
  if (object.namespace !== undefined) workload.namespace = object.namespace;
  const assign = <K extends 'hostNetwork' | 'hostPID' | 'hostIPC' | 'automountServiceAccountToken'>(key: K): void => {
    const v = spec.bool(key);
    if (v) workload[key] = v;
  };
  assign('hostNetwork');
  assign('hostPID');
  assign('hostIPC');
  assign('automountServiceAccountToken');
  // Objects a controller makes from a template; a Deployment an operator owns stays a Deployment.
  if (OWNED_KINDS.has(object.kind)) {
    const owner = controllerOf(object.value);
    if (owner) workload.owner = owner;
  }
  const sa = spec.str('serviceAccountName') ?? spec.str('serviceAccount');
  if (sa) workload.serviceAccountName = sa;
  const runtime = spec.str('runtimeClassName');
  if (runtime) workload.runtime = runtime;
  const podSe = spec.obj('securityContext')?.obj('seLinuxOptions');
  if (podSe) {
    workload.seLinux = {};
    for (const key of ['type', 'user', 'role', 'level'] as const) {
      const v = podSe.str(key);
      if (v) workload.seLinux[key] = v;
    }
  }

  addContainers(workload, spec, podMeta);
  model.workloads.push(workload);
  for (const c of workload.containers) {
    if (c.image) model.imageRefs.push({ input: 'K8S', ref: c.image, resource: c.resource, role: 'container' });
  }
  // An `image` volume (core/v1 ImageVolumeSource, beta since 1.33) is pulled from a
  // registry like a container image: the image rules judge its `reference` too.
  for (const v of spec.list('volumes')) {
    const reference = v.obj('image')?.str('reference');
    if (reference) model.imageRefs.push({ input: 'K8S', ref: reference, resource: { kind: workload.kind, ...(workload.namespace !== undefined && { namespace: workload.namespace }), ...(workload.name !== undefined && { name: workload.name }) }, role: 'container' });
  }
}
