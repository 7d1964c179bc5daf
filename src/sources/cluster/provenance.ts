/**
 * Where a live object came from, as far as the object says: Argo CD's tracking id
 * annotation (or its legacy instance label), Flux's kustomize-controller and
 * helm-controller labels, Helm's release annotations, or kubectl's
 * last-applied-configuration (applied by hand or by a pipeline with `kubectl apply`).
 * A finding on a live object then says which Git source to fix.
 */
import type { Origin } from '../../model/finding.js';

type Obj = Record<string, unknown>;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * @example
 * originOf({ metadata: { annotations: { 'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:shop/web' } } });
 * // { tool: 'argocd', name: 'shop', detail: 'Argo CD application shop (apps/Deployment:shop/web)' }
 */
export function originOf(object: Obj): Origin | undefined {
  const meta = isObj(object['metadata']) ? object['metadata'] : {};
  const annotations = strings(meta['annotations']);
  const labels = strings(meta['labels']);
  const tracking = annotations['argocd.argoproj.io/tracking-id'];
  if (tracking) {
    const app = tracking.split(':')[0] ?? tracking;
    const [appNs, appName] = app.includes('_') ? app.split('_', 2) : [undefined, app];
    return { tool: 'argocd', name: appName!, ...(appNs && { namespace: appNs }), detail: `Argo CD application ${app} (tracking id ${tracking})` };
  }
  const fluxKs = labels['kustomize.toolkit.fluxcd.io/name'];
  if (fluxKs) {
    const ns = labels['kustomize.toolkit.fluxcd.io/namespace'];
    return { tool: 'flux', name: fluxKs, ...(ns && { namespace: ns }), detail: `Flux Kustomization ${ns ? `${ns}/` : ''}${fluxKs}` };
  }
  const fluxHelm = labels['helm.toolkit.fluxcd.io/name'];
  if (fluxHelm) {
    const ns = labels['helm.toolkit.fluxcd.io/namespace'];
    return { tool: 'flux', name: fluxHelm, ...(ns && { namespace: ns }), detail: `Flux HelmRelease ${ns ? `${ns}/` : ''}${fluxHelm}` };
  }
  const release = annotations['meta.helm.sh/release-name'];
  if (release) {
    const ns = annotations['meta.helm.sh/release-namespace'];
    return { tool: 'helm', name: release, ...(ns && { namespace: ns }), detail: `Helm release ${ns ? `${ns}/` : ''}${release}` };
  }
  const argoInstance = labels['argocd.argoproj.io/instance'];
  if (argoInstance) return { tool: 'argocd', name: argoInstance, detail: `Argo CD application ${argoInstance} (instance label)` };
  if (annotations[LAST_APPLIED] !== undefined) return { tool: 'kubectl', detail: 'kubectl apply (last-applied-configuration)' };
  return undefined;
}

/** The object without what only the API server writes and no rule reads. */
export function withoutServerFields(object: Obj): Obj {
  const { status: _status, ...rest } = object;
  const meta = isObj(rest['metadata']) ? { ...rest['metadata'] } : undefined;
  if (meta) {
    delete meta['managedFields'];
    if (isObj(meta['annotations']) && LAST_APPLIED in meta['annotations']) {
      // A second copy of the whole object as a string: large, and judged as the object itself.
      const { [LAST_APPLIED]: _applied, ...annotations } = meta['annotations'];
      meta['annotations'] = annotations;
    }
    rest['metadata'] = meta;
  }
  return rest;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<string, string>;
}
