/**
 * The Quadlet source (input QL): `.container`, `.pod` and `.kube` units
 * (podman-systemd.unit(5)), with their drop-ins merged (drop-ins.ts). A `.kube`
 * unit's `Yaml=` file is handed to the Kubernetes source, looked up by id
 * (source-lookup.ts) so neither source imports the other. `.build`, `.image`,
 * `.volume` and `.network` units are read when a container names them.
 */
import { warn, type ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { parsePortSpec } from '../container-values/port-spec.js';
import { besideFile, readSideFile, refusedOutside } from '../side-file.js';
import type { SourceDefinition } from '../source.js';
import { sourceById } from '../source-lookup.js';
import { mergeSections, readDropIns } from './drop-ins.js';
import { addQuadletContainer, lookupValue, readValue, sectionUserNamespace, type QuadletContext } from './quadlet-container.js';
import { readPodPodmanArgs } from './podman-args.js';
import { keepIdUser as keepIdOf } from '../command-line/user-namespace.js';
import { inSystemUnitDirectory } from './unit-specifiers.js';
import { parseUnitFile, type UnitSection } from './unit-file.js';
import { unitIdentity } from './unit-specifiers.js';
import { quadletKind } from './quadlet-kind.js';

/** Sections Quadlet and systemd know; `X-` sections are the user's own. */
const KNOWN_SECTIONS = new Set(['Unit', 'Service', 'Install', 'Container', 'Pod', 'Kube', 'Volume', 'Network', 'Image', 'Build', 'Quadlet', 'Socket', 'Timer', 'Path']);

/** Quadlet units: each `[Container]` becomes a workload of kind `Quadlet`. */
export const quadletSource: SourceDefinition = {
  ...quadletKind,
  parse(src, model, errors) {
    const parsed = parseUnitFile(src);
    const unit = unitIdentity(src.path);
    const dropIns = readDropIns(model, src.path, unit);
    const report = (file: string, problems: { line: number; column: number; message: string }[]): void => {
      for (const p of problems) errors.push({ file, line: p.line, column: p.column, message: p.message, code: 'parse' });
    };
    report(src.path, parsed.problems);
    for (const d of dropIns) report(d.file.path, d.problems);
    for (const s of [...parsed.sections, ...dropIns.flatMap((d) => d.sections)]) {
      if (!KNOWN_SECTIONS.has(s.name) && !s.name.startsWith('X-')) {
        errors.push({ file: s.loc.file, line: s.loc.startLine, column: s.loc.startColumn, message: `unknown section [${s.name}] in a Quadlet unit (expected [Container], [Pod], [Kube], [Unit], [Service], [Install]…)`, code: 'unknown-section' });
      }
    }
    const sections = mergeSections(parsed.sections, dropIns);
    const ctx: QuadletContext = { src, model, errors, unit };
    const service = sections.find((s) => s.name === 'Service');
    for (const s of sections) {
      if (s.name === 'Container') addQuadletContainer(s, service, ctx);
      else if (s.name === 'Pod') addPod(s, ctx);
      else if (s.name === 'Kube') scanKubeYaml(s, ctx);
    }
  },
};

/** A pod has no container of its own: it is a workload for its network settings and the ports it publishes. */
function addPod(section: UnitSection, ctx: QuadletContext): void {
  const { src, model } = ctx;
  const name = section.entries.find((e) => e.key === 'PodName')?.value.value ?? ctx.unit.name;
  const workload: Workload = { input: 'QL', file: src.path, loc: section.loc, kind: 'Quadlet', name, labels: {}, annotations: {}, containers: [] };
  const entries = section.entries.map((raw) => readValue(raw, ctx));
  for (const entry of entries) {
    if (entry.key === 'Network') workload.hostNetwork = { value: entry.value.value === 'host', loc: entry.loc };
    // `podman pod create --publish`: published for every container that joins the pod.
    else if (entry.key === 'PublishPort') (workload.ports ??= []).push({ ...parsePortSpec(entry.value), loc: entry.loc, published: true });
  }
  // `PodmanArgs=--network host`, `-p 80:80`: the same, written as flags.
  const args = readPodPodmanArgs(entries, src, model, ctx.errors);
  if (args.hostNetwork) workload.hostNetwork = args.hostNetwork;
  if (args.ports.length) (workload.ports ??= []).push(...args.ports);
  model.workloads.push(workload);
}

/**
 * `Yaml=` files go to the Kubernetes source, when one is registered. `[Kube]
 * PublishPort=` becomes `podman kube play --publish`, which publishes the port for
 * the pods it starts: it is added to their first container, located in the unit;
 * `Network=` and `UserNS=` apply to every pod it plays.
 */
function scanKubeYaml(section: UnitSection, ctx: QuadletContext): void {
  const { src, model, errors } = ctx;
  const kubernetes = sourceById('kubernetes');
  const entries = section.entries.map((e) => readValue(e, ctx));
  const yamlFiles: string[] = [];
  for (const raw of entries) {
    if (raw.key !== 'Yaml') continue;
    // Quadlet reads `Yaml=` with Lookup: surrounding double quotes removed.
    const entry = lookupValue(raw);
    const path = besideFile(src.path, entry.value.value);
    const already = model.files.has(path);
    const file = readSideFile(model, src.path, entry.value.value, entry.loc);
    if (!file) {
      if (refusedOutside(model, src.path, entry.value.value)) continue;
      // The unit is read; the YAML it names is not here (often deployed beside it later).
      warn(model, entry.loc, `Yaml=${entry.value.value} is not there to read, so the pods it defines are not checked: scan that file too, or keep it beside the unit`, 'missing-reference');
      continue;
    }
    yamlFiles.push(file.path);
    // A file the scan already read on its own is parsed there.
    if (kubernetes && !already) kubernetes.parse(file, model, errors);
  }
  // `podman kube play` flags: PodmanArgs= come after the keys' own flags.
  const args = readPodPodmanArgs(entries, src, model, errors);
  const ports = entries.filter((e) => e.key === 'PublishPort').map((e) => ({ ...parsePortSpec(e.value), loc: e.loc, published: true }));
  if (ports.length || args.ports.length) publishOnPods(model, yamlFiles, [...ports, ...args.ports]);
  // `podman kube play --network host` / `--userns keep-id:uid=N`: every played pod's,
  // located in the unit. A user the YAML sets still wins.
  const networkKey = entries.filter((e) => e.key === 'Network').pop();
  const network = args.hostNetwork ?? (networkKey && { value: networkKey.value.value === 'host', loc: networkKey.loc, ...(networkKey.value.dynamic && { dynamic: true }) });
  const userns = args.userns ?? sectionUserNamespace(entries);
  const user = userns ? keepIdOf(userns, inSystemUnitDirectory(src.path)) : undefined;
  for (const w of model.workloads) {
    if (!yamlFiles.includes(w.file)) continue;
    if (network && (network.value || network.dynamic) && w.hostNetwork?.value !== true) w.hostNetwork = network;
    if (user) for (const c of w.containers) if (!c.user && c.runAsNonRoot?.value !== true) c.user = user;
  }
}

/** `podman kube play --publish`: the ports are published for the pods of the played files. */
function publishOnPods(model: ScanModel, files: readonly string[], ports: ReturnType<typeof parsePortSpec>[]): void {
  for (const w of model.workloads) {
    if (!files.includes(w.file)) continue;
    const first = w.containers.find((c) => c.role === 'container');
    if (first) first.ports.push(...ports);
  }
}
