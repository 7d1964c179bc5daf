/**
 * A Quadlet `[Container]` section (podman-container.unit(5)) as a Workload of kind
 * `Quadlet` with one ContainerSpec. Keys mean what the `podman run` flags they
 * stand for mean. A setting is located at its whole `Key=Value` entry, list items
 * (capabilities, environment words, mount options) at their own text; a missing
 * key borrows the `[Container]` header's location.
 * Resource limits in `[Service]` (`MemoryMax=`, `CPUQuota=`, `TasksMax=`) bound
 * the container too, since Quadlet runs it in the service's cgroup; container
 * keys win over them.
 */
import { addLabel } from '../command-line/apply-run-flags.js';
import { emptyContainer, type ContainerSpec } from '../../model/container-spec.js';
import type { ScanError } from '../../model/finding.js';
import { located, type Located } from '../../model/location.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { capabilityList } from '../container-values/capabilities.js';
import { envVarFromAssignment, envVarOf, parseEnvFile } from '../container-values/env-file.js';
import { parseMountCsv, parseTmpfsSpec, parseVolumeSpec } from '../container-values/mount-spec.js';
import { parsePortSpec } from '../container-values/port-spec.js';
import { applySecretSpec } from '../container-values/secret-spec.js';
import { parseBool, toLocated, type TextSpan } from '../container-values/text-span.js';
import { readSideFile } from '../side-file.js';
import type { SourceFile } from '../source-file.js';
import { applyPodmanArgs } from './podman-args.js';
import { parseUnitFile, splitWords, type UnitEntry, type UnitSection } from './unit-file.js';

export interface QuadletContext {
  src: SourceFile;
  model: ScanModel;
  errors: ScanError[];
}

/** The unit's base name: `web` for `…/web.container`. */
export function unitBaseName(path: string): string {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return file.replace(/\.[^.]+$/, '');
}

/**
 * Adds the `[Container]` section as a workload.
 *
 * @example
 * addQuadletContainer(section, serviceSection, { src, model, errors });
 */
export function addQuadletContainer(section: UnitSection, service: UnitSection | undefined, ctx: QuadletContext): Workload {
  const { src } = ctx;
  const base = unitBaseName(src.path);
  const workload: Workload = { input: 'QL', file: src.path, loc: section.loc, kind: 'Quadlet', name: base, labels: {}, annotations: {}, containers: [] };
  const c = emptyContainer('QL', section.loc, { kind: 'Quadlet', name: base, container: `systemd-${base}` }, workload);
  c.name = located(`systemd-${base}`, section.loc);
  applyServiceLimits(c, service);
  for (const entry of section.entries) applyKey(entry, c, workload, ctx);
  if (c.image) ctx.model.imageRefs.push({ input: 'QL', ref: c.image, resource: c.resource, role: 'container' });
  workload.containers.push(c);
  ctx.model.workloads.push(workload);
  return workload;
}

function bool(entry: UnitEntry): Located<boolean> | undefined {
  const value = parseBool(entry.value.value);
  return value === undefined ? undefined : located(value, entry.loc);
}

function whole(entry: UnitEntry): Located<string> {
  return { ...toLocated(entry.value), loc: entry.loc };
}

function hostMode(entry: UnitEntry): Located<boolean> {
  return located(entry.value.value === 'host', entry.loc);
}

function applyKey(entry: UnitEntry, c: ContainerSpec, w: Workload, ctx: QuadletContext): void {
  const v = entry.value;
  switch (entry.key) {
    case 'Image':
      c.image = whole(entry);
      return;
    case 'Label':
      // `Label=` holds one or more space-separated `key=value` pairs.
      for (const pair of v.value.split(/\s+/)) if (pair) addLabel(w, pair.replace(/^"(.*)"$/, '$1'));
      return;
    case 'ContainerName':
      c.name = toLocated(v);
      c.resource.container = v.value;
      return;
    case 'User':
      c.user = whole(entry);
      return;
    case 'Group':
      c.group = whole(entry);
      return;
    case 'ReadOnly': {
      const b = bool(entry);
      if (b) c.readOnlyRootFilesystem = b;
      return;
    }
    case 'NoNewPrivileges': {
      const b = bool(entry);
      if (b) c.noNewPrivileges = b;
      return;
    }
    case 'SecurityLabelDisable': {
      const b = bool(entry);
      if (b) c.seLinux.disabled = b;
      return;
    }
    case 'SecurityLabelType':
      c.seLinux.type = whole(entry);
      return;
    case 'SecurityLabelLevel':
      c.seLinux.level = whole(entry);
      return;
    case 'SeccompProfile':
      c.seccompProfile = v.value === 'unconfined' ? located('Unconfined', entry.loc) : whole(entry);
      return;
    case 'AddCapability':
      for (const word of words(entry, ctx)) c.capAdd.push(...capabilityList(word));
      return;
    case 'DropCapability':
      for (const word of words(entry, ctx)) c.capDrop.push(...capabilityList(word));
      return;
    case 'Volume':
      c.mounts.push(parseVolumeSpec(v, entry.loc));
      return;
    case 'Mount':
      c.mounts.push(parseMountCsv(v, entry.loc));
      return;
    case 'Tmpfs':
      c.mounts.push(parseTmpfsSpec(v, entry.loc));
      return;
    case 'PublishPort':
      c.ports.push({ ...parsePortSpec(v), loc: entry.loc, published: true });
      return;
    case 'Network':
      w.hostNetwork = hostMode(entry);
      return;
    case 'Pod':
      inheritPod(v, c, w, ctx);
      return;
    case 'Secret':
      applySecretSpec(c, v, entry.loc);
      return;
    case 'Environment':
      for (const word of words(entry, ctx)) c.env.push(envVarFromAssignment(word, word.loc));
      return;
    case 'EnvironmentFile': {
      const file = readSideFile(ctx.model, ctx.src.path, v.value);
      if (file) for (const e of parseEnvFile(file, true)) c.env.push(envVarOf(e));
      return;
    }
    case 'PidsLimit':
      c.pidsLimit = whole(entry);
      return;
    case 'Memory':
      c.memoryLimit = whole(entry);
      return;
    case 'PodmanArgs':
      applyPodmanArgs(entry, c, w, ctx.src, ctx.model, ctx.errors);
      return;
    case 'GlobalArgs':
      applyPodmanArgs(entry, c, w, ctx.src, ctx.model, ctx.errors, true);
      return;
    default:
      return;
  }
}

/** The words of a list value; an unclosed quote is reported where it opens. */
function words(entry: UnitEntry, ctx: QuadletContext): TextSpan[] {
  return splitWords(entry.value, (quote) => {
    ctx.errors.push({ file: ctx.src.path, line: quote.loc.startLine, column: quote.loc.startColumn, message: `${entry.key}: unbalanced quote`, code: 'parse' });
  });
}

/** `[Service]` cgroup limits, which the container lives under. */
function applyServiceLimits(c: ContainerSpec, service: UnitSection | undefined): void {
  for (const entry of service?.entries ?? []) {
    if (entry.value.value === '' || entry.value.value === 'infinity') continue;
    if (entry.key === 'MemoryMax' || (entry.key === 'MemoryLimit' && !c.memoryLimit)) c.memoryLimit = whole(entry);
    else if (entry.key === 'CPUQuota') c.cpuLimit = whole(entry);
    else if (entry.key === 'TasksMax') c.pidsLimit = whole(entry);
  }
}

/**
 * `Pod=web.pod`: the pod's published ports and network are the container's
 * (located in the pod file).
 */
function inheritPod(name: TextSpan, c: ContainerSpec, w: Workload, ctx: QuadletContext): void {
  if (!name.value.endsWith('.pod')) return;
  const file = readSideFile(ctx.model, ctx.src.path, name.value);
  if (!file) return;
  const pod = parseUnitFile(file).sections.find((s) => s.name === 'Pod');
  for (const entry of pod?.entries ?? []) {
    if (entry.key === 'PublishPort') c.ports.push({ ...parsePortSpec(entry.value), loc: entry.loc, published: true });
    else if (entry.key === 'Network') w.hostNetwork = hostMode(entry);
  }
}
