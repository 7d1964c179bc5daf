/**
 * Fixes as data. A fix is a list of operations on an input's object form (a
 * Kubernetes object, a Compose file, a Quadlet unit's sections), each addressed by
 * a JSON pointer. The admission webhook turns them into a JSONPatch
 * (`toJsonPatch`); `seaworthy fix` has each source turn them into text edits at
 * the located spans, so a file is never re-serialized.
 *
 * Operations never override a value the input sets: `set` only fills in what is
 * absent, `add-to-list` only adds an item that is not there yet. An explicit value
 * is a decision someone made, so changing it is left to a person.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

interface OperationBase {
  /** JSON pointer (RFC 6901) to the field, relative to the object the operations are for. */
  path: string;
  /** The rule whose finding this operation fixes. */
  rule: string;
  /** The container it is for, when it is for one (its `name`): lets a fix follow findings. */
  container?: string;
}

/**
 * Sets a field that is absent; missing parents are created. A present value is
 * left alone unless `replace` — only for a scalar a fix completes rather than
 * overrides (`"8080:80"` → `"127.0.0.1:8080:80"`, `/tmp` → `/tmp:nosuid,…`);
 * the webhook's defaults never replace.
 */
export interface SetOperation extends OperationBase {
  op: 'set';
  value: JsonValue;
  replace?: boolean;
}

/**
 * Appends an item to a list (creating the list) unless an equal item is there.
 * `identity` names the fields that make two object items the same (a volume's
 * `name`); strings and numbers compare by value, case-insensitively when
 * `ignoreCase` (capability names: `all` and `ALL` are one to the engines).
 */
export interface AddToListOperation extends OperationBase {
  op: 'add-to-list';
  value: JsonValue;
  identity?: readonly string[];
  ignoreCase?: boolean;
  /**
   * For `key:value` / `key=value` strings: an item with this key counts as present
   * whatever its value (`no-new-privileges:false` is a decision, not a gap).
   */
  key?: string;
}

/** Removes a field or list item that is present. */
export interface RemoveOperation extends OperationBase {
  op: 'remove';
}

export type EditOperation = SetOperation | AddToListOperation | RemoveOperation;

/** Whether `item` counts as already present in `list` for an `add-to-list`. */
export function listHas(list: readonly unknown[], operation: AddToListOperation): boolean {
  return list.some((item) => sameItem(item, operation));
}

function sameItem(item: unknown, operation: AddToListOperation): boolean {
  const wanted = operation.value;
  if (operation.identity && typeof wanted === 'object' && wanted !== null && !Array.isArray(wanted)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
    const record = item as Record<string, unknown>;
    return operation.identity.every((key) => record[key] === wanted[key]);
  }
  if (operation.key !== undefined && typeof item === 'string') {
    const k = operation.ignoreCase ? operation.key.toLowerCase() : operation.key;
    const it = operation.ignoreCase ? item.toLowerCase() : item;
    return it === k || it.startsWith(k + ':') || it.startsWith(k + '=');
  }
  if (typeof wanted === 'string' && typeof item === 'string' && operation.ignoreCase) return item.toLowerCase() === wanted.toLowerCase();
  return JSON.stringify(item) === JSON.stringify(wanted);
}

/** An operation before the rule it fixes is attached (how fix tables are written). */
export type OperationDraft = Omit<SetOperation, 'rule'> | Omit<AddToListOperation, 'rule'> | Omit<RemoveOperation, 'rule'>;
