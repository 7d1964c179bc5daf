/**
 * The edit model: fixes as operations on an input's object form (see
 * edit-operation.ts), the safe defaults for a pod spec, and their JSONPatch form.
 */
export type { AddToListOperation, EditOperation, JsonValue, RemoveOperation, SetOperation } from './edit-operation.js';
export { formatPointer, joinPointer, parsePointer, valueAt } from './json-pointer.js';
export { applyOperations, planOperations, toJsonPatch, type JsonPatchOperation, type PlannedOperation } from './json-patch.js';
export {
  DEFAULT_FIX_UID,
  DEFAULT_TMPFS_SIZE,
  POD_SPEC_DEFAULTS,
  containersOf,
  podSpecOperations,
  type PodDefaultsOptions,
  type PodSpecDefault,
  type PodSpecOperationsRequest,
} from './pod-spec-defaults.js';
