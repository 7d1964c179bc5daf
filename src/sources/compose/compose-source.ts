/**
 * The Compose source (input CMP): `compose.yaml`, `docker-compose.yml`, their
 * `.override` files, and YAML whose top-level `services:` looks like Compose.
 */
import type { ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import type { SourceDefinition } from '../source.js';
import { sideFileExists } from '../side-file.js';
import { loadCompose } from './load-compose.js';
import { addService, joinTarget } from './service-container.js';
import { spendLine } from '../../scan/file-budget.js';
import { composeKind } from './compose-kind.js';

/** Services added per scan, by where they are declared. */
const servicesOf = new WeakMap<ScanModel, Set<string>>();

function addedServices(model: ScanModel): Set<string> {
  let set = servicesOf.get(model);
  if (!set) servicesOf.set(model, (set = new Set()));
  return set;
}

/** Whether `path` is an override file whose base file is beside it (the base then reads it). */
function overrideWithBase(path: string): boolean {
  const m = /^(.*[/\\])?((?:docker-)?compose)\.override\.ya?ml$/.exec(path);
  if (!m) return false;
  const base = m[2]!;
  const from = path;
  return [`${base}.yaml`, `${base}.yml`].some((name) => sideFileExists(from, name));
}

/** Compose files: services become workloads of kind `Service`. */
export const composeSource: SourceDefinition = {
  ...composeKind,
  parse(src, model, errors) {
    // The override is merged into its base's services; read alone it would report twice.
    if (overrideWithBase(src.path)) return;
    const added = addedServices(model);
    const project = new Map<string, Workload>();
    for (const service of loadCompose(src, model, errors)) {
      // A service declared in a file another project includes (or one scanned on its
      // own and also included) is judged once, where it is declared.
      const key = `${service.keyLoc.file}\0${service.keyLoc.startLine}:${service.keyLoc.startColumn}`;
      if (added.has(key)) continue;
      spendLine(service.keyLoc.startLine); // the per-file time budget (scan/file-budget.ts)
      added.add(key);
      project.set(service.name, addService(service.name, service.keyLoc, service.node, { model, errors, file: service.projectFile ?? src.path, ...(service.volumes && { volumes: service.volumes }) }));
    }
    joinNamespaces(project);
  },
};

/**
 * `network_mode: service:db` (and `pid:`/`ipc:` `service:db`) joins another
 * service's namespace: when that service uses the host's, so does this one,
 * located at its own key. One step: the service joined is judged by its own keys.
 */
function joinNamespaces(project: ReadonlyMap<string, Workload>): void {
  const keys = ['hostNetwork', 'hostPID', 'hostIPC'] as const;
  const joined = new Map<Workload, Partial<Record<(typeof keys)[number], Workload['hostNetwork']>>>();
  for (const w of project.values()) {
    for (const key of keys) {
      const own = w[key];
      const mode = own && joinTarget.get(own);
      const other = mode ? project.get(mode) : undefined;
      const theirs = other?.[key];
      if (own && theirs?.value === true) joined.set(w, { ...joined.get(w), [key]: { value: true, loc: own.loc, ...(theirs.dynamic && { dynamic: true }) } });
    }
  }
  for (const [w, settings] of joined) Object.assign(w, settings);
}
