/**
 * Live API objects → model, through the Kubernetes source itself: each object is
 * printed as YAML (sources/kubernetes/object-text.ts, as the webhook does) and read as
 * a manifest named `Kind/namespace/name`, so every rule sees a live object exactly as
 * it sees the same object in a file. The printed line of a value maps back to its
 * field path, which findings carry.
 */
import type { ScanError } from '../../model/finding.js';
import type { Origin } from '../../model/finding.js';
import type { ScanModel } from '../../model/scan-model.js';
import { sourceFile } from '../source-file.js';
import { parseKubernetes } from '../kubernetes/kubernetes-source.js';
import { fieldPath, objectText, ownerPointer } from '../kubernetes/object-text.js';
import type { ApiObject } from './list-cursor.js';
import { originOf, withoutServerFields } from './provenance.js';
import { withoutServerDefaults } from './server-defaults.js';
import { controllerOf } from '../kubernetes/owner-references.js';

/** What is remembered of each object read into a model, by its path. */
export interface ObjectFacts {
  /** JSON pointer of the value on each printed line. */
  pointers: string[];
  origin?: Origin;
  /** The object's namespace; for a Namespace, its own name; undefined when cluster-scoped. */
  owner: string | undefined;
}

/** `Deployment/shop/web`, `ClusterRole/view`. */
export function objectPath(o: ApiObject): string {
  const kind = typeof o['kind'] === 'string' ? o['kind'] : 'Object';
  const ns = o.metadata?.namespace;
  const name = o.metadata?.name ?? '(unnamed)';
  return ns ? `${kind}/${ns}/${name}` : `${kind}/${name}`;
}

/**
 * Adds one live object to the model; returns what findings on it need later.
 *
 * @example
 * const facts = new Map<string, ObjectFacts>();
 * addApiObject(pod, model, errors, facts);
 */
export function addApiObject(o: ApiObject, model: ScanModel, errors: ScanError[], facts: Map<string, ObjectFacts>): void {
  const path = objectPath(o);
  const origin = originOf(o);
  const printed = objectText(withoutServerFields(withoutServerDefaults(o)));
  const src = sourceFile(path, printed.text);
  model.files.set(path, src);
  parseKubernetes(src, model, errors);
  const owner = o['kind'] === 'Namespace' ? o.metadata?.name : o.metadata?.namespace;
  facts.set(path, { pointers: printed.pointers, owner, ...(origin && { origin }) });
}

/** The field a finding at `line` of an object's printed text is about. */
export function fieldAt(facts: ObjectFacts, line: number): string {
  return fieldPath(ownerPointer(facts.pointers[line - 1] ?? ''));
}

/**
 * A key shared by the pods a controller made alike: the owner and the whole label set.
 * group-owned-pods.ts judges such pods through their first member only, so the others
 * need not be printed and parsed at all (10,000 pods of 1,000 Deployments are 1,000
 * parses, not 10,000). Bare pods and pods whose labels differ get no shared key.
 */
export function ownedPodKey(o: ApiObject): string | undefined {
  if (o['kind'] !== 'Pod') return undefined;
  const owner = controllerOf(o);
  if (!owner) return undefined;
  const raw = (o.metadata as { labels?: unknown } | undefined)?.labels;
  const labels = raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  return `${o.metadata?.namespace ?? ''}\u0000${owner.kind}/${owner.name}\u0000${JSON.stringify(labels)}`;
}
