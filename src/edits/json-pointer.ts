/**
 * RFC 6901 JSON pointers: the addresses of edit operations. Kubernetes' JSONPatch
 * (RFC 6902) speaks them, and every YAML source can follow one through its
 * position tree, so one address serves the webhook and `seaworthy fix` alike.
 */

/**
 * Splits a pointer into its reference tokens (`~1` is `/`, `~0` is `~`).
 *
 * @example
 * parsePointer('/metadata/annotations/a~1b'); // ['metadata', 'annotations', 'a/b']
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`a JSON pointer starts with "/": ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Joins reference tokens into a pointer, escaping `~` and `/`.
 *
 * @example
 * formatPointer(['spec', 'containers', 0, 'image']); // '/spec/containers/0/image'
 */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => '/' + String(token).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Appends tokens to a pointer. */
export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + formatPointer(tokens);
}

/** The value a pointer addresses in a plain object, or `undefined` when a step is missing. */
export function valueAt(root: unknown, tokens: readonly string[]): unknown {
  let here: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(here)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      here = here[Number(token)];
    } else if (isPlainObject(here)) {
      if (!Object.hasOwn(here, token)) return undefined;
      here = here[token];
    } else {
      return undefined;
    }
  }
  return here;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
