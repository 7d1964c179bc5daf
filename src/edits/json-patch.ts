/**
 * Edit operations as an RFC 6902 JSONPatch against a plain object: what the
 * admission webhook's `/mutate` answers with. Operations that would override a
 * value the object sets produce nothing; missing parents are created by one `add`
 * of the nested value, as RFC 6902 requires (it cannot add below a missing parent).
 */
import { listHas, type EditOperation, type JsonValue } from './edit-operation.js';
import { formatPointer, isPlainObject, parsePointer, valueAt } from './json-pointer.js';

export type JsonPatchOperation = { op: 'add' | 'replace'; path: string; value: JsonValue } | { op: 'remove'; path: string };

/** An operation and the patch operation it became. */
export interface PlannedOperation {
  operation: EditOperation;
  patch: JsonPatchOperation;
}

/**
 * Which operations take effect on `target`, in order, each with its patch. The
 * target is not changed; each operation sees the effect of the ones before it.
 */
export function planOperations(target: unknown, operations: readonly EditOperation[]): PlannedOperation[] {
  const work = structuredClone(target) as unknown;
  const planned: PlannedOperation[] = [];
  for (const operation of operations) {
    const patch = patchFor(work, operation);
    if (!patch) continue;
    applyPatch(work, patch);
    planned.push({ operation, patch });
  }
  return planned;
}

/**
 * The JSONPatch that applies `operations` to `target`. `prefix` is the pointer of
 * the object the operations are relative to (`/spec/template/spec`), `''` for the
 * target itself.
 *
 * @example
 * toJsonPatch({ spec: { containers: [{ name: 'a' }] } }, podSpecOperations(pod.spec), '/spec');
 * // [{ op: 'add', path: '/spec/automountServiceAccountToken', value: false }, …]
 */
export function toJsonPatch(target: unknown, operations: readonly EditOperation[], prefix = ''): JsonPatchOperation[] {
  const scope = prefix === '' ? target : valueAt(target, parsePointer(prefix));
  return planOperations(scope, operations).map(({ patch }) => ({ ...patch, path: prefix + patch.path }));
}

/** `target` with the operations applied (a copy). */
export function applyOperations<T>(target: T, operations: readonly EditOperation[]): T {
  const work = structuredClone(target);
  for (const { patch } of planOperations(target, operations)) applyPatch(work, patch);
  return work;
}

function patchFor(work: unknown, operation: EditOperation): JsonPatchOperation | undefined {
  const tokens = parsePointer(operation.path);
  const present = valueAt(work, tokens);
  if (operation.op === 'remove') return present === undefined ? undefined : { op: 'remove', path: operation.path };
  if (operation.op === 'add-to-list' && present !== undefined) {
    if (!Array.isArray(present) || listHas(present, operation)) return undefined;
    return { op: 'add', path: operation.path + '/-', value: operation.value };
  }
  if (present !== undefined) {
    const scalar = present === null || typeof present !== 'object';
    if (operation.op === 'set' && operation.replace && scalar && present !== operation.value) return { op: 'replace', path: operation.path, value: operation.value };
    return undefined;
  }
  // Find the deepest parent that exists; everything below it is added as one value.
  let depth = tokens.length - 1;
  while (depth > 0 && valueAt(work, tokens.slice(0, depth)) === undefined) depth--;
  const parent = valueAt(work, tokens.slice(0, depth));
  if (!isPlainObject(parent)) return undefined;
  let value: JsonValue = operation.op === 'add-to-list' ? [operation.value] : operation.value;
  for (let i = tokens.length - 1; i > depth; i--) value = { [tokens[i]!]: value };
  return { op: 'add', path: formatPointer(tokens.slice(0, depth + 1)), value };
}

function applyPatch(work: unknown, patch: JsonPatchOperation): void {
  const tokens = parsePointer(patch.path);
  const last = tokens[tokens.length - 1]!;
  const parent = valueAt(work, tokens.slice(0, -1));
  if (Array.isArray(parent)) {
    if (patch.op === 'remove') parent.splice(Number(last), 1);
    else if (patch.op === 'replace') parent[Number(last)] = structuredClone(patch.value);
    else if (last === '-') parent.push(structuredClone(patch.value));
    else parent.splice(Number(last), 0, structuredClone(patch.value));
  } else if (isPlainObject(parent)) {
    if (patch.op === 'remove') delete parent[last];
    else parent[last] = structuredClone(patch.value);
  }
}
