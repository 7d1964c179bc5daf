/**
 * One Compose service (after interpolation, `extends` and override merging) as a
 * Workload of kind `Service` with one ContainerSpec. A setting is located from its
 * key to the end of its value, a list item at the item; a missing setting borrows
 * the service key's location.
 */
import { posix } from 'node:path';
import { emptyContainer, type ContainerSpec, type Mount, type PortSpec } from '../../model/container-spec.js';
import type { ScanError } from '../../model/finding.js';
import { located, type Located, type Location } from '../../model/location.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { normalizeCapability } from '../container-values/capabilities.js';
import { envVarOf, parseEnvFile } from '../container-values/env-file.js';
import { isHostSource, parseTmpfsSpec, parseVolumeSpec } from '../container-values/mount-spec.js';
import { parsePortSpec, portNumber } from '../container-values/port-spec.js';
import { applySecurityOpt } from '../container-values/security-opt.js';
import { parseBool, toLocated } from '../container-values/text-span.js';
import { builtImage } from '../dockerfile/built-image.js';
import { readSideFile, refusedOutside } from '../side-file.js';
import { applyUserNamespace } from '../command-line/user-namespace.js';
import { child, scalarText, spanOf, type ComposeMap, type ComposeNode, type ComposeScalar } from './compose-node.js';

export interface ServiceContext {
  model: ScanModel;
  errors: ScanError[];
  /** The Compose file the project is named by (env files are relative to it). */
  file: string;
  /** Top-level `volumes`: a named volume whose `driver_opts` bind a host directory is a host mount. */
  volumes?: ComposeMap;
}

/**
 * Adds the service as a workload.
 *
 * @example
 * addService('web', keyLoc, serviceNode, { model, errors, file: 'compose.yaml' });
 */
export function addService(name: string, keyLoc: Location, service: ComposeMap, ctx: ServiceContext): Workload {
  const workload: Workload = { input: 'CMP', file: keyLoc.file, loc: keyLoc, kind: 'Service', name, labels: labelsOf(service), annotations: {}, containers: [] };
  const containerName = scalarText(child(service, 'container_name')) ?? name;
  const c = emptyContainer('CMP', keyLoc, { kind: 'Service', name, container: containerName }, workload);
  c.name = located(containerName, keyLoc);
  const at = (key: string): ComposeScalar | undefined => pairScalar(service, key);

  const image = at('image');
  if (image) {
    c.image = str(image);
    ctx.model.imageRefs.push({ input: 'CMP', ref: c.image, resource: c.resource, role: 'container' });
  }
  const user = at('user');
  if (user) {
    c.user = str(user);
    const text = String(user.value);
    const colon = text.indexOf(':');
    if (colon !== -1) c.group = toLocated(spanOf(user).sub(colon + 1));
  }
  // podman-compose passes `userns_mode` to `podman run --userns`: `keep-id[:uid=N]`
  // sets the user when `user:` does not, before the built image's USER (podman
  // sets it over the image's). Docker accepts only `host`, which changes no user.
  const userns = at('userns_mode');
  if (userns) applyUserNamespace(c, { value: spanOf(userns), loc: userns.loc });
  setBool(at('read_only'), (v) => (c.readOnlyRootFilesystem = v));
  setBool(at('privileged'), (v) => (c.privileged = v));
  for (const item of items(child(service, 'cap_add'))) if (item.kind === 'scalar' && item.value !== null) c.capAdd.push(cap(item));
  for (const item of items(child(service, 'cap_drop'))) if (item.kind === 'scalar' && item.value !== null) c.capDrop.push(cap(item));
  for (const item of items(child(service, 'security_opt'))) if (item.kind === 'scalar' && item.value !== null) applySecurityOpt(c, spanOf(item), item.loc);

  const network = at('network_mode');
  if (network) workload.hostNetwork = isHost(network);
  const pid = at('pid');
  if (pid) workload.hostPID = isHost(pid);
  const ipc = at('ipc');
  if (ipc) workload.hostIPC = isHost(ipc);
  const uts = at('uts');
  if (uts) workload.hostUTS = isHost(uts);
  const runtime = at('runtime');
  if (runtime) workload.runtime = str(runtime);

  setResources(c, service);
  addPorts(c, service);
  addVolumes(c, service, ctx.volumes);
  applyBuild(c, service, ctx);
  for (const item of items(child(service, 'tmpfs'))) if (item.kind === 'scalar' && item.value !== null) c.mounts.push(parseTmpfsSpec(spanOf(item), item.loc));
  addSecrets(c, service);
  addEnvironment(c, service, ctx);

  workload.containers.push(c);
  ctx.model.workloads.push(workload);
  return workload;
}

/**
 * The scalar at `key`, located from the key to the end of the value
 * (`privileged: true`): a finding about the setting points at the whole setting.
 * Parts of the value (`user`'s group) keep their own exact positions.
 */
function pairScalar(map: ComposeMap, key: string): ComposeScalar | undefined {
  const entry = map.entries.get(key);
  const node = entry?.value;
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  const k = entry!.keyLoc;
  if (k.file !== node.loc.file || k.startLine > node.loc.startLine) return node;
  return { ...node, loc: { ...k, endLine: node.loc.endLine, endColumn: node.loc.endColumn } };
}

function str(node: ComposeScalar): Located<string> {
  return located(String(node.value), node.loc, node.dynamic || undefined);
}

function cap(node: ComposeScalar): Located<string> {
  const text = String(node.value);
  return located(node.dynamic ? text : normalizeCapability(text), node.loc, node.dynamic || undefined);
}

/** The service a `service:NAME` namespace setting joins, by the setting it became. */
export const joinTarget = new WeakMap<Located<boolean>, string>();

function isHost(node: ComposeScalar): Located<boolean> {
  const setting = located(String(node.value) === 'host', node.loc, node.dynamic || undefined);
  const service = /^service:(.+)$/.exec(String(node.value))?.[1];
  if (service && !node.dynamic) joinTarget.set(setting, service);
  return setting;
}

function setBool(node: ComposeScalar | undefined, set: (value: Located<boolean>) => void): void {
  if (!node) return;
  const value = typeof node.value === 'boolean' ? node.value : parseBool(String(node.value));
  if (value !== undefined) set(located(value, node.loc));
  else if (node.dynamic) set(located(false, node.loc, true));
}

function items(node: ComposeNode | undefined): ComposeNode[] {
  if (!node) return [];
  return node.kind === 'seq' ? node.items : [node];
}

function labelsOf(service: ComposeMap): Record<string, string> {
  const labels: Record<string, string> = {};
  const node = child(service, 'labels');
  if (node?.kind === 'map') for (const [k, e] of node.entries) labels[k] = scalarText(e.value) ?? '';
  return labels;
}

/** `mem_limit`/`cpus`/`pids_limit`, then `deploy.resources.limits`, which wins. */
function setResources(c: ContainerSpec, service: ComposeMap): void {
  const limits = child(child(child(service, 'deploy'), 'resources'), 'limits');
  const pick = (key: string, deployKey: string): Located<string> | undefined => {
    const node = (limits?.kind === 'map' ? pairScalar(limits, deployKey) : undefined) ?? pairScalar(service, key);
    return node ? str(node) : undefined;
  };
  const cpus = pick('cpus', 'cpus');
  if (cpus) c.cpuLimit = cpus;
  const memory = pick('mem_limit', 'memory');
  if (memory) c.memoryLimit = memory;
  const pids = pick('pids_limit', 'pids');
  if (pids) c.pidsLimit = pids;
}

function addPorts(c: ContainerSpec, service: ComposeMap): void {
  for (const item of items(child(service, 'ports'))) {
    if (item.kind === 'scalar' && item.value !== null) c.ports.push({ ...parsePortSpec(spanOf(item)), loc: item.loc, published: true });
    else if (item.kind === 'map') {
      const port: PortSpec = { loc: item.loc, published: true };
      const target = child(item, 'target');
      const published = child(item, 'published');
      const hostIP = child(item, 'host_ip');
      const protocol = scalarText(child(item, 'protocol'));
      if (target?.kind === 'scalar' && target.value !== null) setNumber(port, 'containerPort', target);
      if (published?.kind === 'scalar' && published.value !== null) setPublished(port, published);
      if (hostIP?.kind === 'scalar' && hostIP.value !== null) port.hostIP = str(hostIP);
      if (protocol) port.protocol = protocol.toLowerCase();
      c.ports.push(port);
    }
  }
  // `expose` declares container ports without publishing them.
  for (const item of items(child(service, 'expose'))) {
    if (item.kind === 'scalar' && item.value !== null) c.ports.push({ ...parsePortSpec(spanOf(item)), loc: item.loc });
  }
}

/**
 * `published` holds a port or a range (`8000-8010`); Docker Compose also accepts an
 * address before it (`127.0.0.1:8080`), which binds the port to that address.
 */
function setPublished(port: PortSpec, node: ComposeScalar): void {
  const span = spanOf(node);
  const colon = span.value.lastIndexOf(':');
  if (colon === -1) {
    setNumber(port, 'hostPort', node);
    return;
  }
  const ip = span.sub(0, colon).value.replace(/^\[(.*)\]$/, '$1');
  if (ip && !port.hostIP) port.hostIP = { ...toLocated(span.sub(0, colon)), value: ip };
  const value = portNumber(span.sub(colon + 1));
  if (value) port.hostPort = value;
}

function setNumber(port: PortSpec, key: 'containerPort' | 'hostPort', node: ComposeScalar): void {
  const value = portNumber(spanOf(node));
  if (value) port[key] = value;
}

function addVolumes(c: ContainerSpec, service: ComposeMap, volumes: ComposeMap | undefined): void {
  for (const item of items(child(service, 'volumes'))) {
    let mount: Mount | undefined;
    if (item.kind === 'scalar' && item.value !== null) mount = parseVolumeSpec(spanOf(item), item.loc);
    else if (item.kind === 'map') mount = longVolume(item);
    if (mount) c.mounts.push(boundVolume(mount, volumes));
  }
}

/**
 * A named volume of the `local` driver whose `driver_opts` say `o: bind` with a
 * `device` is that host directory (`mount -o bind device`), so it is judged as a
 * host mount, its path located at `device:`.
 */
function boundVolume(mount: Mount, volumes: ComposeMap | undefined): Mount {
  if (mount.kind !== 'volume' || !mount.source || mount.source.dynamic) return mount;
  const decl = child(volumes, mount.source.value);
  const opts = child(decl, 'driver_opts');
  const o = scalarText(child(opts, 'o'));
  const device = child(opts, 'device');
  const driver = scalarText(child(decl, 'driver'));
  if ((driver !== undefined && driver !== 'local') || !o || !o.split(',').map((x) => x.trim()).includes('bind')) return mount;
  if (device?.kind !== 'scalar' || device.value === null) return mount;
  const source = str(device);
  const bound: Mount = { ...mount, kind: 'host', source, declaredAt: source.loc };
  // `o: bind,ro` makes the bind read-only for every service, whatever the mount says.
  const oNode = child(opts, 'o');
  if (o.split(',').map((x) => x.trim()).includes('ro') && oNode) bound.readOnly = { value: true, loc: oNode.loc };
  return bound;
}

/**
 * `build:` with the Containerfile in the scanned tree: the image it builds runs as
 * its final stage's `USER` (located there) unless `user:` is set, and exposes its
 * ports. Compose reads `dockerfile` relative to `context` (default `Dockerfile`);
 * `target` names the stage built instead of the last.
 */
function applyBuild(c: ContainerSpec, service: ComposeMap, ctx: ServiceContext): void {
  const build = child(service, 'build');
  if (!build) return;
  const context = build.kind === 'scalar' ? scalarText(build) : scalarText(child(build, 'context'));
  const dockerfile = build.kind === 'map' ? scalarText(child(build, 'dockerfile')) : undefined;
  const targetNode = build.kind === 'map' ? child(build, 'target') : undefined;
  // An unknown stage (a variable) would be a guess: the image's user stays unknown.
  if (targetNode?.kind === 'scalar' && targetNode.dynamic) return;
  const target = scalarText(targetNode);
  const dir = context ?? '.';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir) || dir.startsWith('git@')) return;
  const names = dockerfile ? [dockerfile] : ['Dockerfile', 'Containerfile'];
  for (const name of names) {
    const built = builtImage(ctx.model, ctx.file, posix.join(dir, name), target);
    if (!built) continue;
    if (!c.user && built.user) c.user = built.user;
    for (const port of built.exposed) c.ports.push({ ...port, published: false });
    return;
  }
}

/** Long volume syntax: `type`, `source`, `target`, `read_only`, `tmpfs.size`. */
function longVolume(item: ComposeMap): Mount {
  const type = scalarText(child(item, 'type')) ?? 'volume';
  const source = child(item, 'source');
  const sourceText = scalarText(source);
  const kind: Mount['kind'] = type === 'bind' ? 'host' : type === 'tmpfs' ? 'tmpfs' : type === 'volume' ? (sourceText && isHostSource(sourceText) ? 'host' : 'volume') : 'other';
  const mount: Mount = { kind, loc: item.loc, options: [] };
  if (source?.kind === 'scalar' && source.value !== null) mount.source = str(source);
  const target = child(item, 'target');
  if (target?.kind === 'scalar' && target.value !== null) mount.target = str(target);
  const readOnly = child(item, 'read_only');
  if (readOnly?.kind === 'scalar') setBool(readOnly, (v) => (mount.readOnly = v));
  const tmpfs = child(item, 'tmpfs');
  if (tmpfs?.kind === 'map') {
    for (const [key, entry] of tmpfs.entries) {
      const value = entry.value;
      if (value.kind !== 'scalar' || value.value === null) continue;
      mount.options!.push(located(`${key}=${String(value.value)}`, value.loc, value.dynamic || undefined));
      if (key === 'size') mount.sizeLimit = str(value);
    }
  }
  return mount;
}

function addSecrets(c: ContainerSpec, service: ComposeMap): void {
  for (const item of items(child(service, 'secrets'))) {
    if (item.kind === 'scalar' && item.value !== null) {
      c.mounts.push({ kind: 'secret', loc: item.loc, source: str(item), target: located(`/run/secrets/${String(item.value)}`, item.loc), options: [] });
    } else if (item.kind === 'map') {
      const source = child(item, 'source');
      const target = child(item, 'target');
      if (source?.kind !== 'scalar' || source.value === null) continue;
      const mount: Mount = { kind: 'secret', loc: item.loc, source: str(source), options: [] };
      const targetText = scalarText(target);
      mount.target = target?.kind === 'scalar' && targetText !== undefined
        ? located(targetText.startsWith('/') ? targetText : `/run/secrets/${targetText}`, target.loc, target.dynamic || undefined)
        : located(`/run/secrets/${String(source.value)}`, source.loc);
      c.mounts.push(mount);
    }
  }
}

/** `env_file` entries first (located in the env file), then `environment`, which overrides them. */
function addEnvironment(c: ContainerSpec, service: ComposeMap, ctx: ServiceContext): void {
  for (const item of items(child(service, 'env_file'))) {
    const pathNode = item.kind === 'map' ? child(item, 'path') : item;
    const path = scalarText(pathNode);
    if (!path || (pathNode?.kind === 'scalar' && pathNode.dynamic)) continue;
    const required = item.kind === 'map' ? scalarText(child(item, 'required')) !== 'false' : true;
    const file = readSideFile(ctx.model, pathNode!.loc.file, path, pathNode!.loc);
    if (!file) {
      if (required && !refusedOutside(ctx.model, pathNode!.loc.file, path)) ctx.errors.push({ file: pathNode!.loc.file, line: pathNode!.loc.startLine, column: pathNode!.loc.startColumn, message: `env_file ${path} could not be read`, code: 'read' });
      continue;
    }
    for (const entry of parseEnvFile(file, true)) c.env.push(envVarOf(entry));
  }
  const env = child(service, 'environment');
  if (env?.kind !== 'map') return;
  for (const [name, entry] of env.entries) {
    const value = entry.value;
    const loc = value.kind === 'scalar' && value.value !== null && value.loc.file === entry.keyLoc.file && value.loc.startLine === entry.keyLoc.startLine
      ? { ...entry.keyLoc, endLine: value.loc.endLine, endColumn: value.loc.endColumn }
      : entry.keyLoc;
    if (value.kind === 'scalar' && value.value !== null) {
      // A value interpolated from `.env` (`${DB_PASSWORD}`) is written there: that is
      // where a secret in it is reported, the entry here staying the variable's place.
      const from = value.from?.[0];
      c.env.push({ loc, name: located(name, entry.keyLoc), value: from ? located(String(value.value), from.loc, value.dynamic || undefined) : str(value) });
    } else {
      c.env.push({ loc, name: located(name, entry.keyLoc), reference: true });
    }
  }
}
