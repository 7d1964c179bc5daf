/**
 * AdmissionReview object → the normalized model, through the same Kubernetes source
 * `scan` uses. The object is placed as if printed as YAML under a path that names it
 * (`admission/Pod/team/web.yaml`), so findings, suppressions and exceptions work on it
 * as on a file (its position tree is made from the JSON value, without the text: see
 * object-positions.ts); the namespace's labels, when known, come in as a Namespace
 * object so the Pod Security rules read them as they would in a scanned manifest set.
 */
import type { ScanError } from '../model/finding.js';
import { emptyModel, type ScanModel } from '../model/scan-model.js';
import { addKubernetesObject } from '../sources/kubernetes/kubernetes-source.js';
import { isRecord, type AdmissionRequest } from './admission-review.js';
import { objectPositions, type ObjectPositions } from './object-positions.js';
import type { ReviewSubject } from './decide.js';

/** Where an object's values sit as printed YAML (a test passes the printer itself, to compare). */
export type Placement = (object: Record<string, unknown>, path: string) => ObjectPositions;

export interface ReviewModel {
  model: ScanModel;
  errors: ScanError[];
  /** The path the object was parsed under. */
  path: string;
  /** JSON pointer of the value on a 1-based line of the (printed) object. */
  pointerAt(line: number): string;
  subject: ReviewSubject;
}

/**
 * Builds the model for a request, or undefined when there is no object to judge
 * (DELETE, CONNECT).
 *
 * @example
 * const built = reviewModel(request, { 'pod-security.kubernetes.io/enforce': 'restricted' });
 */
export function reviewModel(request: AdmissionRequest, namespaceLabels?: Record<string, string>, place: Placement = objectPositions): ReviewModel | undefined {
  if (!isRecord(request.object)) return undefined;
  const object = withRequestMetadata(request.object, request);
  const meta = object['metadata'] as Record<string, unknown>;
  const kind = typeof object['kind'] === 'string' ? object['kind'] : request.kind.kind;
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
  const name = typeof meta['name'] === 'string' ? meta['name'] : typeof meta['generateName'] === 'string' ? `${meta['generateName']}*` : undefined;
  const subject: ReviewSubject = { kind, ...(namespace !== undefined && { namespace }), ...(name !== undefined && { name }) };
  const model = emptyModel();
  const errors: ScanError[] = [];
  const path = `admission/${[kind, namespace ?? '_', name ?? '_'].map(safeSegment).join('/')}.yaml`;
  const printed = addPlaced(place(object, path), object, model, errors);
  if (namespace !== undefined && namespaceLabels) {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: namespaceLabels } };
    const nsPath = `admission/Namespace/${safeSegment(namespace)}.yaml`;
    addPlaced(place(ns, nsPath), ns, model, errors);
  }
  return { model, errors, path, pointerAt: printed.pointerAt, subject };
}

/**
 * Adds an object to the model as the Kubernetes source would after parsing it printed
 * as YAML, from the value in hand and its position tree (no text, no parse).
 *
 * The object is not listed in `model.files`: there the suppression reader would read its
 * text for `# seaworthy-ignore` comments, and a printed object has none (every string
 * that could hold a `#` is written quoted).
 */
function addPlaced(printed: ObjectPositions, object: Record<string, unknown>, model: ScanModel, errors: ScanError[]): ObjectPositions {
  const path = printed.src.path;
  try {
    addKubernetesObject(printed.src, object, printed.node, model, errors);
  } catch (error) {
    // As in a scan: a reader bug is reported against the object, not thrown at the API server.
    errors.push({ file: path, message: `internal error while reading this object: ${(error as Error)?.message ?? String(error)}`, code: 'internal' });
  }
  return printed;
}

/**
 * The API server fills `metadata.namespace` from the request path, and a pod from
 * `generateName` has no name yet: both are taken from the request when the object
 * lacks them, so messages, exceptions and namespace modes see the real values.
 * The API version and kind are filled the same way (an ephemeralcontainers update
 * carries the Pod).
 */
function withRequestMetadata(object: Record<string, unknown>, request: AdmissionRequest): Record<string, unknown> {
  const meta = isRecord(object['metadata']) ? { ...object['metadata'] } : {};
  if (meta['namespace'] === undefined && request.namespace) meta['namespace'] = request.namespace;
  if (meta['name'] === undefined && request.name) meta['name'] = request.name;
  const out: Record<string, unknown> = { ...object, metadata: meta };
  if (typeof out['kind'] !== 'string') out['kind'] = request.kind.kind;
  if (typeof out['apiVersion'] !== 'string') out['apiVersion'] = request.kind.group ? `${request.kind.group}/${request.kind.version}` : request.kind.version;
  return out;
}

/** A path segment that cannot climb or hide: names come from strangers. */
function safeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
}
