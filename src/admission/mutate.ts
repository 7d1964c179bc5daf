/**
 * `/mutate`: the safe defaults chosen in `admission.mutate`, as a JSONPatch. The
 * operations are the edit model's (src/edits/), the same table `seaworthy fix` uses,
 * so a default changes in one place. They only fill in what the object leaves unset:
 * an explicit choice is never overridden (it stays a finding for `/validate`).
 *
 * Only CREATE is mutated: a pod's spec is immutable after creation, and a workload
 * update that re-added defaults the user just removed would fight them. A rule
 * accepted for the object (its `seaworthy.io/ignore` annotation, a live configuration
 * exception for its kind/namespace/name) gets no default either.
 */
import type { Config } from '../config/config.js';
import { exceptionCovers, isExpired } from '../engine/exceptions.js';
import { parseDirective } from '../engine/suppression-directive.js';
import { formatPointer, podSpecOperations, toJsonPatch } from '../edits/index.js';
import { IGNORE_ANNOTATION } from '../sources/kubernetes/kubernetes-source.js';
import { POD_TEMPLATE_PATHS } from '../sources/kubernetes/workload-kinds.js';

import { isRecord, type AdmissionRequest, type AdmissionResponse } from './admission-review.js';

/**
 * @example
 * const mutate = createMutator(() => reviewer.config);
 * const { patch } = await mutate(request); // base64 of [{ op: 'add', path: '/spec/automountServiceAccountToken', value: false }, …]
 */
export function createMutator(config: () => Config, today: () => Date = () => new Date()): (request: AdmissionRequest) => Promise<AdmissionResponse> {
  return async (request) => {
    const admit: AdmissionResponse = { uid: request.uid, allowed: true };
    const object = request.object;
    if (request.operation !== 'CREATE' || request.subResource || !isRecord(object)) return admit;
    const kind = typeof object['kind'] === 'string' ? object['kind'] : request.kind.kind;
    const templatePath = POD_TEMPLATE_PATHS[kind];
    if (!templatePath) return admit;
    const template = valueAtPath(object, templatePath);
    const spec = isRecord(template) ? template['spec'] : undefined;
    if (!isRecord(spec)) return admit;
    const c = config();
    const rules = new Set(c.admission.mutate);
    for (const id of acceptedRules(object, template as Record<string, unknown>, kind, request, c, today())) rules.delete(id);
    if (!rules.size) return admit;
    const operations = podSpecOperations(spec, { rules, options: c.admission.mutateUid !== undefined ? { uid: c.admission.mutateUid } : {} });
    const patch = toJsonPatch(object, operations, formatPointer([...templatePath, 'spec']));
    if (!patch.length) return admit;
    return { ...admit, patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(patch)).toString('base64') };
  };
}

/** Rules the object's annotations or a live exception accept for it. */
function acceptedRules(object: Record<string, unknown>, template: Record<string, unknown>, kind: string, request: AdmissionRequest, config: Config, today: Date): string[] {
  const out: string[] = [];
  for (const holder of [object, template]) {
    const annotations = isRecord(holder['metadata']) ? holder['metadata']['annotations'] : undefined;
    const raw = isRecord(annotations) ? annotations[IGNORE_ANNOTATION] : undefined;
    if (typeof raw === 'string') out.push(...parseDirective(raw).ruleIds);
  }
  const meta = isRecord(object['metadata']) ? object['metadata'] : {};
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : request.namespace;
  const name = typeof meta['name'] === 'string' ? meta['name'] : request.name;
  const resource = { kind, ...(namespace !== undefined && { namespace }), ...(name !== undefined && { name }) };
  for (const ex of config.exceptions) {
    // Path globs name files; an admitted object has none, so only resource exceptions apply.
    if (isExpired(ex, today) || ex.paths || !ex.resource) continue;
    for (const ruleId of ex.rules) {
      const finding = { ruleId, severity: 'low' as const, message: '', location: { file: '', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, resource };
      if (exceptionCovers(ex, finding, config.baseDir)) out.push(ruleId);
    }
  }
  return out;
}

function valueAtPath(object: Record<string, unknown>, path: readonly string[]): unknown {
  let at: unknown = object;
  for (const key of path) at = isRecord(at) ? at[key] : undefined;
  return at;
}
