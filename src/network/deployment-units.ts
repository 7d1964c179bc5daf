/**
 * Deployment units: a NetworkPolicy governs only what is deployed with it. When
 * the scan holds `kustomization.yaml` files, each top-level kustomization (one no
 * other kustomization uses) is a unit: the files of its `resources`, followed into
 * the kustomizations of resource directories, and its `components` (a component
 * counts only where a kustomization references it). Files no kustomization takes
 * form one more unit, as everything did before. Objects of different units are
 * analysed apart; a base shared by two overlays is in both.
 */
import { dirname, join, normalize } from 'node:path';
import type { KubeObject } from '../model/kube-object.js';
import type { ScanModel } from '../model/scan-model.js';
import { fromScanModel } from './from-scan-model.js';
import type { NetworkInput } from './types.js';

const cache = new WeakMap<ScanModel, { size: string; inputs: NetworkInput[] }>();

/**
 * One network input per deployment unit; a single one when no kustomization is scanned.
 *
 * @example
 * for (const input of networkUnits(model)) computeConnectivity(input);
 */
export function networkUnits(model: ScanModel): NetworkInput[] {
  const size = `${model.kubeObjects.length}/${model.workloads.length}`;
  const hit = cache.get(model);
  if (hit && hit.size === size) return hit.inputs;
  const units = unitFiles(model);
  const inputs = units === undefined
    ? [fromScanModel(model)]
    : units.map((files) => fromScanModel({ ...model, kubeObjects: model.kubeObjects.filter((o) => files.has(o.file)), workloads: model.workloads.filter((w) => files.has(w.file)) }));
  cache.set(model, { size, inputs });
  return inputs;
}

/** The files of each unit, or undefined when the scan holds no kustomization. */
export function unitFiles(model: ScanModel): Set<string>[] | undefined {
  const isKustomize = (o: KubeObject): boolean => o.apiVersion.startsWith('kustomize.config.k8s.io/');
  const kustomizations = model.kubeObjects.filter((o) => o.kind === 'Kustomization' && isKustomize(o));
  if (kustomizations.length === 0) return undefined;
  const byDir = new Map<string, KubeObject>();
  // Components join a unit only through a reference; they are never roots.
  for (const k of model.kubeObjects) if ((k.kind === 'Kustomization' || k.kind === 'Component') && isKustomize(k)) byDir.set(normalize(dirname(k.file)), k);
  const files = [...new Set([...model.kubeObjects.map((o) => o.file), ...model.workloads.map((w) => w.file)])];
  const referenced = new Set<KubeObject>();
  const closure = (k: KubeObject, seen: Set<KubeObject>): Set<string> => {
    const out = new Set<string>([k.file]);
    if (seen.has(k)) return out;
    seen.add(k);
    const dir = normalize(dirname(k.file));
    for (const key of ['resources', 'components', 'bases']) {
      const list = k.value[key];
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (typeof entry !== 'string' || /^[a-z]+:\/\//i.test(entry)) continue; // remote bases are not in the scan
        const path = normalize(join(dir, entry));
        const sub = byDir.get(path);
        if (sub) {
          referenced.add(sub);
          for (const f of closure(sub, seen)) out.add(f);
        } else {
          for (const f of files) if (normalize(f) === path) out.add(f);
        }
      }
    }
    return out;
  };
  const all = kustomizations.map((k) => ({ k, files: closure(k, new Set()) }));
  const units = all.filter((u) => !referenced.has(u.k)).map((u) => u.files);
  const covered = new Set(units.flatMap((u) => [...u]));
  // A cycle of kustomizations leaves no root: each is then its own unit.
  if (units.length === 0) for (const u of all) units.push(u.files);
  const rest = new Set(files.filter((f) => !covered.has(f) && !units.some((u) => u.has(f))));
  if (rest.size) units.push(rest);
  return units;
}
