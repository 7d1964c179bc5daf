/**
 * `metadata.ownerReferences`: which controller made an object. Kubernetes marks
 * the managing one with `controller: true`; a lone reference without the flag
 * (hand-written dumps) is taken as the controller too.
 */
import { isObj } from './located-reader.js';

export interface OwnerRef {
  kind: string;
  name: string;
}

/** The object's controller, if any. A Node (static pods' mirrors) owns nothing that groups. */
export function controllerOf(value: Record<string, unknown>): OwnerRef | undefined {
  const meta = value['metadata'];
  const refs = isObj(meta) && Array.isArray(meta['ownerReferences']) ? meta['ownerReferences'].filter(isObj) : [];
  const ref = refs.find((r) => r['controller'] === true) ?? (refs.length === 1 && refs[0]!['controller'] === undefined ? refs[0] : undefined);
  if (!ref || typeof ref['kind'] !== 'string' || typeof ref['name'] !== 'string' || !ref['name']) return undefined;
  if (ref['kind'] === 'Node') return undefined;
  return { kind: ref['kind'], name: ref['name'] };
}
