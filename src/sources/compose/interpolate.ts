/**
 * Compose variable interpolation (compose-spec "Interpolation"): `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`, defaults nesting further
 * `${…}`. Values come from the `.env` beside the Compose file only: the shell
 * environment of whoever deploys is not known to a linter, so a variable missing
 * from `.env` leaves its value unknown (`dynamic`), never a violation. A default
 * written in the file is what runs when the variable is unset, so it is used.
 */
import type { Location } from '../../model/location.js';
import type { ComposeNode, ComposeScalar } from './compose-node.js';

export interface InterpolationResult {
  value: string;
  /** Some variable had no value: the result is unknown. */
  dynamic: boolean;
  /** `${VAR:?message}` with VAR unset. */
  errors: string[];
  /** Variables whose values went into the result, in order. */
  used: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Interpolates one string.
 *
 * @example
 * interpolate('${TAG:-1.27}', new Map()).value; // '1.27'
 * interpolate('$IMAGE', new Map()).dynamic;     // true
 */
export function interpolate(text: string, env: ReadonlyMap<string, string>): InterpolationResult {
  const result: InterpolationResult = { value: '', dynamic: false, errors: [], used: [] };
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('$', i);
    if (at === -1) {
      result.value += text.slice(i);
      break;
    }
    result.value += text.slice(i, at);
    const next = text[at + 1];
    if (next === '$') {
      result.value += '$';
      i = at + 2;
    } else if (next === '{') {
      const close = matchingBrace(text, at + 1);
      if (close === -1) {
        result.errors.push(`unclosed \${ in "${text}"`);
        result.value += text.slice(at);
        result.dynamic = true;
        break;
      }
      braced(text.slice(at + 2, close), text.slice(at, close + 1), env, result);
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(at + 1))?.[0];
      if (!name) {
        result.value += '$';
        i = at + 1;
        continue;
      }
      const value = env.get(name);
      if (value === undefined) {
        result.value += `$${name}`;
        result.dynamic = true;
      } else {
        result.value += value;
        result.used.push(name);
      }
      i = at + 1 + name.length;
    }
  }
  return result;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(inner: string, written: string, env: ReadonlyMap<string, string>, out: InterpolationResult): void {
  const name = NAME.exec(inner)?.[0];
  if (!name) {
    out.errors.push(`invalid interpolation format for "${written}"`);
    out.value += written;
    out.dynamic = true;
    return;
  }
  const op = /^(:?[-?+])?/.exec(inner.slice(name.length))![0];
  const arg = inner.slice(name.length + op.length);
  if (!op && arg) {
    out.errors.push(`invalid interpolation format for "${written}"`);
    out.value += written;
    out.dynamic = true;
    return;
  }
  const value = env.get(name);
  const unsetOrEmpty = op.startsWith(':') ? value === undefined || value === '' : value === undefined;
  const nested = (): void => {
    const r = interpolate(arg, env);
    out.value += r.value;
    out.dynamic ||= r.dynamic;
    out.errors.push(...r.errors);
    out.used.push(...r.used);
  };
  const take = (): void => {
    out.value += value;
    out.used.push(name);
  };
  switch (op.replace(':', '')) {
    case '-':
      if (unsetOrEmpty) nested();
      else take();
      return;
    case '?':
      if (unsetOrEmpty) {
        out.errors.push(`required variable ${name} is missing a value${arg ? `: ${arg}` : ''}`);
        out.value += written;
        out.dynamic = true;
      } else take();
      return;
    case '+':
      if (value === undefined) {
        // Set or not depends on the deploying shell: unknown.
        out.value += written;
        out.dynamic = true;
      } else if (!unsetOrEmpty) nested();
      return;
    default:
      if (value === undefined) {
        out.value += written;
        out.dynamic = true;
      } else take();
  }
}

/**
 * Interpolates every string scalar of a tree in place. A changed value loses its
 * verbatim position (its parts are then located at the whole scalar). With
 * `origins` (where each variable's value is written, in `.env`), a scalar records
 * where the values it took are written, so a secret is reported where it is.
 */
export function interpolateTree(
  node: ComposeNode,
  env: ReadonlyMap<string, string>,
  onError: (message: string, at: ComposeScalar) => void,
  origins?: ReadonlyMap<string, Location>,
): void {
  if (node.kind === 'map') {
    for (const entry of node.entries.values()) interpolateTree(entry.value, env, onError, origins);
  } else if (node.kind === 'seq') {
    for (const item of node.items) interpolateTree(item, env, onError, origins);
  } else if (typeof node.value === 'string' && node.value.includes('$')) {
    const r = interpolate(node.value, env);
    for (const message of r.errors) onError(message, node);
    if (r.value !== node.value) delete node.verbatim;
    node.value = r.value;
    if (r.dynamic) node.dynamic = true;
    const from = r.used.flatMap((name) => {
      const loc = origins?.get(name);
      return loc && (env.get(name) ?? '') !== '' ? [{ name, loc }] : [];
    });
    if (from.length) node.from = from;
  }
}
