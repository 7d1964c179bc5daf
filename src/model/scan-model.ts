/**
 * Everything the sources read from one scan, in the normalized model. Rules run
 * over this once; cross-file rules (NetworkPolicies per namespace) see it whole.
 */
import type { BuildSpec } from './build-spec.js';
import type { ContainerSpec } from './container-spec.js';
import type { ImageRefUse } from './image-ref.js';
import type { KubeObject } from './kube-object.js';
import type { Workload } from './workload.js';
import type { SourceFile } from '../sources/source-file.js';
import type { Located } from './location.js';
import type { ResourceRef } from './resource.js';
import type { ImageSpec } from './image-spec.js';
import type { ScanWarning } from './finding.js';
import type { ScanBoundary } from '../scan/scan-boundary.js';
import type { Location } from './location.js';

export interface ScanModel {
  /** Every file read, by path, for suppression comments and fixes. */
  files: Map<string, SourceFile>;
  workloads: Workload[];
  builds: BuildSpec[];
  images: ImageSpec[];
  /** Every Kubernetes object read, workloads included. */
  kubeObjects: KubeObject[];
  imageRefs: ImageRefUse[];
  /** Inline suppressions that sources found beyond comments (K8S `seaworthy.io/ignore`). */
  annotationSuppressions: AnnotationSuppression[];
  /** What sources noticed but could still read past (see `warn`). Never changes the exit code. */
  warnings: ScanWarning[];
  /** Where files that inputs name may be read from (see scan-boundary.ts); unset: anywhere. */
  boundary?: ScanBoundary;
}

/** A `seaworthy.io/ignore` annotation on a Kubernetes object. */
export interface AnnotationSuppression {
  file: string;
  /** The annotation's own location. */
  loc: Located<string>['loc'];
  raw: string;
  /** The object it covers. */
  resource: ResourceRef;
  /** The line range of the object's document, which it covers. */
  startLine: number;
  endLine: number;
}

export function emptyModel(): ScanModel {
  return { files: new Map(), workloads: [], builds: [], images: [], kubeObjects: [], imageRefs: [], annotationSuppressions: [], warnings: [] };
}

/** Every container of every workload, init and ephemeral ones included. */
export function allContainers(model: ScanModel): ContainerSpec[] {
  return model.workloads.flatMap((w) => w.containers);
}

/**
 * Records a warning against a place in a file: a `Location` (of a located value) or
 * a file name with an optional line and column. The scan still reads everything
 * else; reporters show warnings apart from errors and the exit code ignores them.
 *
 * @example
 * warn(model, flag.loc, 'unknown podman flag --foo: ignored', 'unknown-flag');
 * warn(model, { file: src.path, line: 3 }, 'Yaml=pod.yaml is absent', 'missing-reference');
 */
export function warn(model: Pick<ScanModel, 'warnings'>, at: Location | { file: string; line?: number; column?: number }, message: string, code = 'warning'): void {
  const line = 'startLine' in at ? at.startLine : at.line;
  const column = 'startColumn' in at ? at.startColumn : at.column;
  model.warnings.push({ file: at.file, ...(line !== undefined && { line }), ...(column !== undefined && { column }), message, code });
}
