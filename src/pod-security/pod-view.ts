/**
 * A read-only view of a pod's metadata and spec, as parsed from YAML or JSON, with
 * the accessors the checks share. The input is untyped: a field of the wrong type
 * is treated as absent (the API server would have rejected such an object before
 * admission, so no verdict depends on it), and `null` is absent as in Go, where it
 * decodes to a nil pointer.
 */
import type { FieldPath } from './types.js';

export type JsonObject = Record<string, unknown>;

/** A container of any kind, with where it sits in the pod spec. */
export interface ContainerRef {
  name: string;
  /** `['containers', 0]`, `['initContainers', 1]`, `['ephemeralContainers', 0]`. */
  path: FieldPath;
  spec: JsonObject;
  /** The container's `securityContext`, when it is an object. */
  securityContext: JsonObject | undefined;
}

/** The value when it is a plain object (not null, not an array). */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The value when it is an array, else an empty array. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value when it is a string. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Whether a value is present in the Go sense: neither missing nor null. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * A pod as the checks see it: its metadata and spec, and its containers listed once.
 *
 * @example
 * const pod = new PodView({ name: 'web' }, { containers: [{ name: 'app' }] });
 * pod.containers()[0].path; // ['containers', 0]
 */
export class PodView {
  private containerList: ContainerRef[] | undefined;

  constructor(
    readonly metadata: JsonObject,
    readonly spec: JsonObject,
  ) {}

  /**
   * Every container in the order Pod Security Admission visits them: init
   * containers, then containers, then ephemeral containers. The order shows in
   * the details (`containers "init", "app" ...`).
   */
  containers(): ContainerRef[] {
    if (this.containerList) return this.containerList;
    const list: ContainerRef[] = [];
    for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
      asList(this.spec[key]).forEach((item, index) => {
        const spec = asObject(item);
        if (!spec) return;
        list.push({
          name: asString(spec['name']) ?? '',
          path: [key, index],
          spec,
          securityContext: asObject(spec['securityContext']),
        });
      });
    }
    this.containerList = list;
    return list;
  }

  /** The pod-level `securityContext`. */
  get securityContext(): JsonObject | undefined {
    return asObject(this.spec['securityContext']);
  }

  /** The pod's annotations whose values are strings. */
  annotations(): [string, string][] {
    const annotations = asObject(this.metadata['annotations']);
    if (!annotations) return [];
    return Object.entries(annotations).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  }

  /** One annotation's value. */
  annotation(key: string): string | undefined {
    const annotations = asObject(this.metadata['annotations']);
    return annotations && Object.hasOwn(annotations, key) ? asString(annotations[key]) : undefined;
  }

  /**
   * A pod that declares `spec.os.name: windows`. Since v1.25 the restricted checks of
   * Linux-only settings exempt it: API validation forbids those fields on such a pod.
   */
  isWindows(): boolean {
    return asObject(this.spec['os'])?.['name'] === 'windows';
  }

  /** `hostUsers: false`: the pod runs in its own user namespace. */
  inUserNamespace(): boolean {
    return this.spec['hostUsers'] === false;
  }
}
