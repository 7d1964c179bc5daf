/**
 * An AdmissionReview (or a live cluster's list) carries the object as JSON, without a file. The webhook and `cluster` print it
 * as YAML (which the Kubernetes source reads like any manifest) and remembers, for
 * every line, the JSON pointer of the value written there, so a finding's line becomes
 * the field path the API server's user recognises (`spec.containers[0].securityContext`).
 */

export interface ObjectText {
  text: string;
  /** JSON pointer of the value on each line (index = line - 1). */
  pointers: string[];
}

/**
 * Prints a JSON value as block YAML, one member per line (block style because the YAML
 * parser reads it several times faster than the same value as indented JSON). A string
 * is written plain only when it cannot be read as anything else; otherwise it is
 * double-quoted as JSON (which YAML reads the same).
 *
 * @example
 * objectText({ a: [1] }).pointers; // ['/a', '/a/0']
 */
export function objectText(value: unknown): ObjectText {
  const lines: string[] = [];
  const pointers: string[] = [];
  const emit = (line: string, pointer: string): void => {
    lines.push(line);
    pointers.push(pointer);
  };
  // `head` is what precedes the value on its first line: `key: ` or `- `.
  const write = (v: unknown, pointer: string, indent: string, head: string): void => {
    if (Array.isArray(v) && v.length) {
      if (head) emit(`${indent}${head.trimEnd()}`, pointer);
      const inner = head ? `${indent}  ` : indent;
      v.forEach((item, i) => writeItem(item, `${pointer}/${i}`, inner));
    } else if (isRecord(v) && Object.keys(v).some((k) => v[k] !== undefined)) {
      if (head) emit(`${indent}${head.trimEnd()}`, pointer);
      const inner = head ? `${indent}  ` : indent;
      for (const key of Object.keys(v)) if (v[key] !== undefined) write(v[key], `${pointer}/${escapePointer(key)}`, inner, `${scalar(key)}: `);
    } else {
      emit(`${indent}${head}${scalar(v)}`, pointer);
    }
  };
  const writeItem = (item: unknown, pointer: string, indent: string): void => {
    if (isRecord(item) && Object.keys(item).some((k) => item[k] !== undefined)) {
      // `- first: value`, then the other members aligned under `first`.
      const keys = Object.keys(item).filter((k) => item[k] !== undefined);
      keys.forEach((key, i) => {
        const at = lines.length;
        write(item[key], `${pointer}/${escapePointer(key)}`, `${indent}  `, `${scalar(key)}: `);
        if (i === 0) lines[at] = `${indent}- ${lines[at]!.slice(indent.length + 2)}`;
      });
    } else if (Array.isArray(item) && item.length) {
      emit(`${indent}-`, pointer);
      item.forEach((inner, i) => writeItem(inner, `${pointer}/${i}`, `${indent}  `));
    } else {
      emit(`${indent}- ${scalar(item)}`, pointer);
    }
  };
  write(value, '', '', '');
  return { text: `${lines.join('\n')}\n`, pointers };
}

// Plain only for words no YAML schema reads as a bool, null, number or anything else.
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|nan|inf)$/i;

function scalar(v: unknown): string {
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[]';
  if (isRecord(v)) return '{}';
  return 'null';
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
