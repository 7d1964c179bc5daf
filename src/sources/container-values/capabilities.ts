/**
 * Capability names as the model keeps them: upper case, no `CAP_` prefix, so
 * `cap_sys_admin`, `SYS_ADMIN` and `CAP_SYS_ADMIN` are one fact.
 */
import type { Located } from '../../model/location.js';
import { splitSpan, toLocated, type TextSpan } from './text-span.js';

/** `cap_net_raw` → `NET_RAW`, `all` → `ALL`. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** The capabilities in a comma-separated list (`--cap-add a,b`), each at its own text. */
export function capabilityList(span: TextSpan): Located<string>[] {
  return splitSpan(span, ',')
    .filter((part) => part.value.trim() !== '')
    .map((part) => toLocated(part, part.dynamic ? part.value : normalizeCapability(part.value)));
}
