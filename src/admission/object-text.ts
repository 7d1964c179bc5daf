/**
 * An AdmissionReview carries the object as JSON, without a file. The webhook prints it
 * as indented JSON (which the YAML source reads like any manifest) and remembers, for
 * every line, the JSON pointer of the value written there, so a finding's line becomes
 * the field path the API server's user recognises (`spec.containers[0].securityContext`).
 */

export interface ObjectText {
  text: string;
  /** JSON pointer of the value on each line (index = line - 1). */
  pointers: string[];
}

/**
 * Prints a JSON value two-space indented, one member per line (like `JSON.stringify(v, null, 2)`).
 *
 * @example
 * objectText({ a: [1] }).pointers; // ['', '/a', '/a/0', '/a', '']
 */
export function objectText(value: unknown): ObjectText {
  const lines: string[] = [];
  const pointers: string[] = [];
  const write = (v: unknown, pointer: string, indent: string, head: string, tail: string): void => {
    if (Array.isArray(v) && v.length) {
      lines.push(`${indent}${head}[`);
      pointers.push(pointer);
      v.forEach((item, i) => write(item, `${pointer}/${i}`, `${indent}  `, '', i < v.length - 1 ? ',' : ''));
      lines.push(`${indent}]${tail}`);
      pointers.push(pointer);
    } else if (isRecord(v) && Object.keys(v).length) {
      lines.push(`${indent}${head}{`);
      pointers.push(pointer);
      const keys = Object.keys(v).filter((k) => v[k] !== undefined);
      keys.forEach((key, i) => write(v[key], `${pointer}/${escapePointer(key)}`, `${indent}  `, `${JSON.stringify(key)}: `, i < keys.length - 1 ? ',' : ''));
      lines.push(`${indent}}${tail}`);
      pointers.push(pointer);
    } else {
      lines.push(`${indent}${head}${JSON.stringify(v ?? null)}${tail}`);
      pointers.push(pointer);
    }
  };
  write(value, '', '', '', '');
  return { text: `${lines.join('\n')}\n`, pointers };
}

/**
 * A JSON pointer as kubectl prints field paths: `/spec/containers/0/image` →
 * `spec.containers[0].image`.
 */
export function fieldPath(pointer: string): string {
  if (!pointer) return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * A fact that is absent borrows its owner's location: the container's `name`, the
 * object's `metadata.name`. The field a user should look at is then the owner itself.
 *
 * @example
 * ownerPointer('/spec/containers/0/name'); // '/spec/containers/0'
 */
export function ownerPointer(pointer: string): string {
  if (pointer === '/metadata/name') return '';
  const m = /^(.*\/\d+)\/name$/.exec(pointer);
  return m ? m[1]! : pointer;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
