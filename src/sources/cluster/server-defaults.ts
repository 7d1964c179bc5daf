/**
 * The API server fills in defaults the manifest left out, and a live object cannot
 * tell them from written values (managedFields of a create own the defaults too). Where
 * a rule's message depends on that difference — `imagePullPolicy`, "gets the default"
 * or "sets" — the value equal to the server's default is taken as not written, unless
 * the object's last-applied-configuration shows the user wrote it. The judgement is
 * the same either way; only the wording follows the manifest.
 */
import { parseImageReference } from '../../model/image-reference.js';
import { POD_TEMPLATE_PATHS } from '../kubernetes/workload-kinds.js';

type Obj = Record<string, unknown>;

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Drops (in place) container `imagePullPolicy` values the API server would have set.
 *
 * @example
 * withoutServerDefaults(deployment); // containers[0].imagePullPolicy 'IfNotPresent' of nginx:1.27 → gone
 */
export function withoutServerDefaults(object: Obj): Obj {
  const path = typeof object['kind'] === 'string' ? POD_TEMPLATE_PATHS[object['kind']] : undefined;
  if (!path) return object;
  const spec = at(object, [...path, 'spec']);
  if (!spec) return object;
  const applied = lastApplied(object);
  const appliedSpec = applied ? at(applied, [...path, 'spec']) : undefined;
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      if (!isObj(c) || typeof c['imagePullPolicy'] !== 'string' || typeof c['image'] !== 'string') continue;
      if (c['imagePullPolicy'] !== defaultPullPolicy(c['image'])) continue;
      const written = Array.isArray(appliedSpec?.[list]) && (appliedSpec[list] as unknown[]).some((a) => isObj(a) && a['name'] === c['name'] && a['imagePullPolicy'] !== undefined);
      if (!written) delete c['imagePullPolicy'];
    }
  }
  return object;
}

/** core/v1 SetDefaults_Container: Always for `latest` or an image with neither tag nor digest. */
function defaultPullPolicy(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (!ref) return undefined;
  return ref.tag === 'latest' || (ref.tag === undefined && !ref.digest) ? 'Always' : 'IfNotPresent';
}

function lastApplied(object: Obj): Obj | undefined {
  const meta = object['metadata'];
  const text = isObj(meta) && isObj(meta['annotations']) ? meta['annotations'][LAST_APPLIED] : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObj(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function at(o: Obj, path: readonly string[]): Obj | undefined {
  let here: unknown = o;
  for (const k of path) here = isObj(here) ? here[k] : undefined;
  return isObj(here) ? here : undefined;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
