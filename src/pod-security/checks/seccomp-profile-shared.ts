/** What the two seccomp checks share: which profile types keep a filter on. */
import type { JsonObject } from '../pod-view.js';
import { asObject, asString } from '../pod-view.js';

/** `RuntimeDefault` and `Localhost` filter system calls; `Unconfined` (or anything else) does not. */
export function validSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** The `type` of a set `seccompProfile` ('' when the type is missing), or undefined when unset. */
export function seccompType(securityContext: JsonObject | undefined): string | undefined {
  const profile = asObject(securityContext?.['seccompProfile']);
  if (!profile) return undefined;
  return asString(profile['type']) ?? '';
}
