/**
 * A Quadlet `[Container]` section (podman-systemd.unit(5)) as a Workload of kind
 * `Quadlet` with one ContainerSpec. Keys mean what the `podman run` flags they
 * stand for mean. A setting is located at its whole `Key=Value` entry, list items
 * (capabilities, environment words, mount options) at their own text; a missing
 * key borrows the `[Container]` header's location.
 * Resource limits in `[Service]` (`MemoryMax=`, `CPUQuota=`, `TasksMax=`) bound
 * the container too, since Quadlet runs it in the service's cgroup; container
 * keys win over them.
 *
 * Values are read as Quadlet reads them: keys Quadlet splits into words
 * (`Mount=`, `Secret=`, `Mask=`, `Unmask=`, `EnvironmentFile=`, capability lists)
 * are unquoted first, specifiers (`%h`, `%t`…) are expanded (unit-specifiers.ts),
 * and `$VAR`/`${VAR}`, which systemd expands when it runs the command, make a
 * value unknown.
 */
import { posix } from 'node:path';
import { addImageMountRef, addLabel, addSysctl } from '../command-line/apply-run-flags.js';
import { applyUserNamespace, type UserNamespaceSetting } from '../command-line/user-namespace.js';
import { emptyContainer, type ContainerSpec, type Mount } from '../../model/container-spec.js';
import type { ScanError } from '../../model/finding.js';
import { located, type Located } from '../../model/location.js';
import { warn, type ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { capabilityList } from '../container-values/capabilities.js';
import { envVarFromAssignment, envVarOf, parseEnvFile } from '../container-values/env-file.js';
import { parseMountCsv, parseTmpfsSpec, parseVolumeSpec } from '../container-values/mount-spec.js';
import { parsePortSpec } from '../container-values/port-spec.js';
import { applySecretSpec } from '../container-values/secret-spec.js';
import { looseSpan, mappedSpan, toLocated, type TextSpan } from '../container-values/text-span.js';
import { builtImage, type BuiltImage } from '../dockerfile/built-image.js';
import { readSideFile } from '../side-file.js';
import type { SourceFile } from '../source-file.js';
import { mergeSections, readDropIns } from './drop-ins.js';
import { applyPodmanArgs, readPodPodmanArgs } from './podman-args.js';
import { parseUnitFile, splitWords, type UnitEntry, type UnitSection } from './unit-file.js';
import { expandSpecifiers, inSystemUnitDirectory, unitIdentity, type UnitIdentity } from './unit-specifiers.js';

export interface QuadletContext {
  src: SourceFile;
  model: ScanModel;
  errors: ScanError[];
  /** The unit's name and kind (system or user), for specifiers. */
  unit: UnitIdentity;
}

/** The unit's base name: `web` for `…/web.container`. */
export function unitBaseName(path: string): string {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return file.replace(/\.[^.]+$/, '');
}

/** `$VAR` and `${VAR}`: systemd expands them in the command line Quadlet writes. */
const VARIABLE = /\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/;

/**
 * An entry's value as Quadlet hands it to podman: specifiers expanded, variables
 * marked unknown. Untouched values keep their exact positions.
 */
export function readValue(entry: UnitEntry, ctx: Pick<QuadletContext, 'model' | 'unit'>): UnitEntry {
  let span = expandSpecifiers(entry.value, ctx.unit).span;
  if (VARIABLE.test(span.value) && !span.dynamic) {
    const file = ctx.model.files.get(span.loc.file);
    span = span.offsetOf && file ? mappedSpan(file, span.value, span.offsetOf, true) : looseSpan(span.value, span.loc, true);
  }
  return span === entry.value ? entry : { ...entry, value: span };
}

/**
 * Adds the `[Container]` section as a workload.
 *
 * @example
 * addQuadletContainer(section, serviceSection, { src, model, errors, unit });
 */
export function addQuadletContainer(section: UnitSection, service: UnitSection | undefined, ctx: QuadletContext): Workload {
  const { src } = ctx;
  const base = ctx.unit.name;
  const workload: Workload = { input: 'QL', file: src.path, loc: section.loc, kind: 'Quadlet', name: base, engine: 'podman', labels: {}, annotations: {}, containers: [] };
  const defaultName = ctx.unit.name.includes('@') ? `systemd-${ctx.unit.prefix}_${ctx.unit.instance || '%i'}` : `systemd-${base}`;
  const c = emptyContainer('QL', section.loc, { kind: 'Quadlet', name: base, container: defaultName }, workload);
  c.name = located(defaultName, section.loc);
  applyServiceLimits(c, service);
  const entries = section.entries.map((e) => readValue(e, ctx));
  const state: KeyState = { podmanArgs: [] };
  for (const entry of entries) applyKey(entry, c, workload, ctx, state);
  // VolatileTmp= only acts when the ReadOnly= key is not true (Quadlet's ConvertContainer
  // reads the key, not PodmanArgs=).
  if (state.volatileTmp && quadletBool(state.volatileTmp).value && state.readOnly?.value !== true) {
    c.mounts.push(parseTmpfsSpec(looseSpan('/tmp:rw,size=512M,mode=1777', state.volatileTmp.loc), state.volatileTmp.loc));
  }
  // Quadlet writes PodmanArgs= after every flag of its own, so a flag there wins
  // over a key (`PodmanArgs=--user root` over `User=`), wherever it is written.
  let userns = quadletUserNamespace(state);
  for (const entry of state.podmanArgs) userns = applyPodmanArgs(entry, c, workload, ctx.src, ctx.model, ctx.errors).userns ?? userns;
  applyUserNamespace(c, userns, inSystemUnitDirectory(ctx.src.path));
  // The image's own USER applies only when neither `--user` nor keep-id set one.
  if (!c.user && state.imageUser) c.user = state.imageUser;
  if (c.image && !state.localImage) ctx.model.imageRefs.push({ input: 'QL', ref: c.image, resource: c.resource, role: 'container' });
  workload.containers.push(c);
  ctx.model.workloads.push(workload);
  return workload;
}

/** Keys whose meaning depends on others, applied after every entry is read. */
interface KeyState {
  userNS?: UnitEntry;
  remapUsers?: UnitEntry;
  remapUid?: UnitEntry;
  volatileTmp?: UnitEntry;
  /** The image is built or named by another unit, not pulled as written. */
  localImage?: boolean;
  /** `[Pod] UserNS=`/`RemapUsers=` of the pod the container joins. */
  podUserNS?: UserNamespaceSetting;
  /** `ReadOnly=` as the key says (VolatileTmp= depends on the key alone). */
  readOnly?: Located<boolean>;
  /** `PodmanArgs=` entries, applied after every key, where Quadlet puts them. */
  podmanArgs: UnitEntry[];
  /** The final stage `USER` of an `Image=x.build` Containerfile: the default user. */
  imageUser?: Located<string>;
}

/**
 * A boolean key as Quadlet's `LookupBoolean` reads it when it writes the command:
 * `1`, `yes`, `true`, `on` (any case) are true and every other value is false,
 * a variable included (Quadlet does not expand it).
 */
export function quadletBool(entry: UnitEntry): Located<boolean> {
  return located(/^(?:1|yes|true|on)$/i.test(lookupValue(entry).value.value), entry.loc);
}

function bool(entry: UnitEntry): Located<boolean> {
  return quadletBool(entry);
}

function whole(entry: UnitEntry): Located<string> {
  return { ...toLocated(entry.value), loc: entry.loc };
}

function hostMode(entry: UnitEntry): Located<boolean> {
  return located(entry.value.value === 'host', entry.loc, entry.value.dynamic || undefined);
}

/**
 * Keys Quadlet reads with `Lookup` (one value, the last): it trims trailing space and
 * every `"` at either end (`Image="localhost/x"` is `localhost/x`; quotes.container).
 */
const SINGLE_VALUE_KEYS = new Set(['Image', 'Rootfs', 'ContainerName', 'User', 'Group', 'UserNS', 'SecurityLabelType', 'SecurityLabelLevel', 'SeccompProfile', 'Pod', 'PidsLimit', 'Memory', 'ReadOnly', 'NoNewPrivileges', 'SecurityLabelDisable', 'VolatileTmp']);

/**
 * A value as Quadlet's `Lookup` returns it: trailing whitespace and the double quotes
 * at both ends removed (Go's `strings.Trim(v, "\"")`), positions kept.
 */
export function lookupValue(entry: UnitEntry): UnitEntry {
  const v = entry.value.value;
  let end = v.length;
  while (end > 0 && /\s/.test(v[end - 1]!)) end--;
  let start = 0;
  while (start < end && v[start] === '"') start++;
  while (end > start && v[end - 1] === '"') end--;
  return start === 0 && end === v.length ? entry : { ...entry, value: entry.value.sub(start, end) };
}

function applyKey(raw: UnitEntry, c: ContainerSpec, w: Workload, ctx: QuadletContext, state: KeyState): void {
  const entry = SINGLE_VALUE_KEYS.has(raw.key) ? lookupValue(raw) : raw;
  const v = entry.value;
  switch (entry.key) {
    case 'Image':
      applyImage(entry, c, ctx, state);
      return;
    case 'Rootfs':
      // `--rootfs PATH`: the container runs a host directory, no image at all.
      delete c.image;
      state.localImage = true;
      return;
    case 'Label':
      // `Label=` holds one or more space-separated `key=value` pairs.
      for (const pair of words(entry, ctx)) if (pair.value) addLabel(w, pair.value);
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
    case 'UserNS':
      state.userNS = entry;
      return;
    case 'RemapUsers':
      state.remapUsers = entry;
      return;
    case 'RemapUid':
      state.remapUid = entry;
      return;
    case 'VolatileTmp':
      state.volatileTmp = entry;
      return;
    case 'ReadOnly':
      c.readOnlyRootFilesystem = state.readOnly = bool(entry);
      return;
    case 'NoNewPrivileges':
      c.noNewPrivileges = bool(entry);
      return;
    case 'SecurityLabelDisable':
      c.seLinux.disabled = bool(entry);
      return;
    case 'SecurityLabelType':
      c.seLinux.type = whole(entry);
      return;
    case 'SecurityLabelLevel':
      c.seLinux.level = whole(entry);
      return;
    case 'SeccompProfile':
      c.seccompProfile = v.value === 'unconfined' ? located('Unconfined', entry.loc) : whole(entry);
      return;
    case 'Unmask':
      for (const word of words(entry, ctx)) (c.unmasked ??= []).push(...splitColonList(word));
      return;
    case 'AddCapability':
      for (const word of words(entry, ctx)) c.capAdd.push(...capabilityList(word));
      return;
    case 'DropCapability':
      for (const word of words(entry, ctx)) c.capDrop.push(...capabilityList(word));
      return;
    case 'Volume':
      c.mounts.push(volumeUnitMount(parseVolumeSpec(v, entry.loc), ctx.model, ctx.src.path, c));
      return;
    case 'Mount':
      for (const word of words(entry, ctx)) {
        const mount = volumeUnitMount(parseMountCsv(word, entry.loc), ctx.model, ctx.src.path, c);
        c.mounts.push(mount);
        addImageMountRef(word, mount, c, ctx.model);
      }
      return;
    case 'Tmpfs':
      c.mounts.push(parseTmpfsSpec(v, entry.loc));
      return;
    case 'PublishPort':
      c.ports.push({ ...parsePortSpec(v), loc: entry.loc, published: true });
      return;
    case 'Sysctl':
      // `--sysctl` for each word (LookupAllStrv).
      for (const word of words(entry, ctx)) addSysctl(c, word);
      return;
    case 'ExposeHostPort':
      // `--expose`: declared, not published (ports.container).
      c.ports.push({ ...parsePortSpec(v), loc: entry.loc, published: false });
      return;
    case 'Network':
      w.hostNetwork = v.value.endsWith('.container') ? joinedNetwork(entry, ctx) : hostMode(entry);
      return;
    case 'Pod':
      inheritPod(v, c, w, ctx, state);
      return;
    case 'Secret':
      for (const word of words(entry, ctx)) applySecretSpec(c, word, entry.loc);
      return;
    case 'Environment':
      for (const word of words(entry, ctx)) c.env.push(envVarFromAssignment(word, word.loc));
      return;
    case 'EnvironmentFile':
      for (const word of words(entry, ctx)) {
        if (word.dynamic) continue;
        const file = readSideFile(ctx.model, ctx.src.path, word.value, entry.loc);
        if (file) for (const e of parseEnvFile(file, true)) c.env.push(envVarOf(e));
      }
      return;
    case 'PidsLimit':
      c.pidsLimit = whole(entry);
      return;
    case 'Memory':
      c.memoryLimit = whole(entry);
      return;
    case 'PodmanArgs':
      state.podmanArgs.push(entry);
      return;
    case 'GlobalArgs':
      applyPodmanArgs(entry, c, w, ctx.src, ctx.model, ctx.errors, true);
      return;
    default:
      return;
  }
}

/** `Unmask=/proc/kcore:/sys/firmware`: one path each. */
function splitColonList(word: TextSpan): Located<string>[] {
  const out: Located<string>[] = [];
  let from = 0;
  for (let i = 0; i <= word.value.length; i++) {
    if (i === word.value.length || word.value[i] === ':') {
      if (i > from) out.push(toLocated(word.sub(from, i)));
      from = i + 1;
    }
  }
  return out;
}

/**
 * `Image=web.image` names an `.image` unit whose `Image=` is what is pulled (located
 * there); `Image=web.build` names a `.build` unit whose image is built here, from a
 * Containerfile whose final stage decides the default user.
 */
function applyImage(entry: UnitEntry, c: ContainerSpec, ctx: QuadletContext, state: KeyState): void {
  const name = entry.value.value;
  if (name.endsWith('.image')) {
    state.localImage = true;
    delete c.image;
    const unit = readNamedUnit(ctx.model, ctx.src.path, name);
    const image = unit?.sections.find((s) => s.name === 'Image')?.entries.filter((e) => e.key === 'Image').pop();
    if (image) {
      c.image = whole(lookupValue(image));
      state.localImage = false;
    }
    return;
  }
  if (name.endsWith('.build')) {
    state.localImage = true;
    delete c.image;
    const unit = readNamedUnit(ctx.model, ctx.src.path, name);
    const build = unit?.sections.find((s) => s.name === 'Build');
    if (!build || !unit) return;
    const tag = build.entries.find((e) => e.key === 'ImageTag');
    if (tag) c.image = whole(lookupValue(tag));
    // `podman build --env`: the built image carries these, so the container does.
    const buildCtx = { model: ctx.model, unit: unitIdentity(unit.file.path) };
    for (const raw of build.entries.filter((e) => e.key === 'Environment')) {
      const entry = readValue(raw, buildCtx);
      for (const word of splitWords(entry.value, () => undefined)) c.env.push(envVarFromAssignment(word, word.loc));
    }
    const last = (key: string) => {
      const entry = build.entries.filter((e) => e.key === key).pop();
      return entry ? lookupValue(entry).value : undefined;
    };
    const built = buildUnitImage(ctx, unit.file.path, last('File'), last('SetWorkingDirectory'), last('Target'));
    // The built image's USER is the default: `User=` and keep-id win over it.
    if (built?.user) state.imageUser = built.user;
    return;
  }
  state.localImage = false;
  c.image = whole(entry);
}

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The image a `.build` unit builds, read from its Containerfile when that is in the
 * tree: `File=` (relative to the build context), in the context that
 * `SetWorkingDirectory=` names (`unit`: the unit's directory, `file`: the File's, or
 * a path); without `File=`, the context's `Containerfile` or `Dockerfile`, as
 * `podman build` looks for them. `Target=` names the stage built instead of the
 * last. A remote file or context, or a variable, leaves the user unknown.
 */
function buildUnitImage(ctx: QuadletContext, unitPath: string, file?: TextSpan, workdir?: TextSpan, target?: TextSpan): BuiltImage | undefined {
  if (file?.dynamic || workdir?.dynamic || target?.dynamic) return undefined;
  const f = file?.value;
  const w = workdir?.value;
  if ((f && URL.test(f)) || (w && URL.test(w))) return undefined;
  const context = !w || w === 'unit' ? '.' : w === 'file' ? (f ? posix.dirname(f) : '.') : w;
  const candidates = f ? [w === 'file' || f.startsWith('/') ? f : posix.join(context, f)] : ['Containerfile', 'Dockerfile'].map((n) => posix.join(context, n));
  for (const candidate of candidates) {
    const built = builtImage(ctx.model, unitPath, candidate, target?.value);
    if (built) return built;
  }
  return undefined;
}

/**
 * The user namespace Quadlet hands podman: `UserNS=`, or the older `RemapUsers=`
 * (`keep-id` with `RemapUid=N` becomes `--userns keep-id:uid=N`), or the pod's
 * `UserNS=` for a container that joins a `.pod`. What the mode means for the user
 * is decided in one place (command-line/user-namespace.ts).
 */
function quadletUserNamespace(state: KeyState): UserNamespaceSetting | undefined {
  return unitUserNamespace(state.userNS, state.remapUsers, state.remapUid) ?? state.podUserNS;
}

/**
 * The `--userns` a unit's keys make (Quadlet's handleUserMappings): `UserNS=` as
 * written, else the deprecated `RemapUsers=` (`keep-id` with `RemapUid=N` is
 * `keep-id:uid=N`, located at `RemapUid=`; `auto` is `auto`), for `.container`,
 * `.pod` and `.kube` alike.
 */
export function unitUserNamespace(userNS: UnitEntry | undefined, remapUsers: UnitEntry | undefined, remapUid: UnitEntry | undefined): UserNamespaceSetting | undefined {
  if (userNS) {
    const e = lookupValue(userNS);
    return { value: e.value, loc: e.loc };
  }
  if (!remapUsers) return undefined;
  if (remapUid && remapUsers.value.value.trim() === 'keep-id') {
    const uid = remapUid.value;
    return { value: looseSpan(`keep-id:uid=${uid.value.trim()}`, remapUid.loc, uid.dynamic), loc: remapUid.loc };
  }
  return { value: remapUsers.value, loc: remapUsers.loc };
}

/** The `--userns` of a unit's section, from its last `UserNS=`, `RemapUsers=`, `RemapUid=`. */
export function sectionUserNamespace(entries: readonly UnitEntry[]): UserNamespaceSetting | undefined {
  const last = (key: string) => entries.filter((e) => e.key === key).pop();
  return unitUserNamespace(last('UserNS'), last('RemapUsers'), last('RemapUid'));
}

/** The words of a list value; an unclosed quote is reported where it opens. */
function words(entry: UnitEntry, ctx: QuadletContext): TextSpan[] {
  // Quadlet reads capability lists with LookupAllStrv, which keeps backslashes as written.
  const strv = entry.key === 'AddCapability' || entry.key === 'DropCapability' || entry.key === 'Sysctl';
  return splitWords(
    entry.value,
    (quote) => {
      ctx.errors.push({ file: quote.loc.file, line: quote.loc.startLine, column: quote.loc.startColumn, message: `${entry.key}: unbalanced quote`, code: 'parse' });
    },
    // Quadlet drops an entry whose escape it cannot decode, so podman never sees it.
    (escape) => warn(ctx.model, escape.loc, `${entry.key}: unsupported escape ${escape.value}: Quadlet ignores this whole entry, so it is not read either`, 'unsupported-escape'),
    strv,
  );
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
 * `Pod=web.pod`: the pod's published ports, network and volumes are the
 * container's (located in the pod file): `podman pod create` applies them to every
 * container that joins.
 */
function inheritPod(name: TextSpan, c: ContainerSpec, w: Workload, ctx: QuadletContext, state: KeyState): void {
  if (!name.value.endsWith('.pod')) return;
  const unit = readNamedUnit(ctx.model, ctx.src.path, name.value);
  if (!unit) return;
  const file = unit.file;
  const pod = unit.sections.find((s) => s.name === 'Pod');
  const podCtx = { model: ctx.model, unit: unitIdentity(file.path) };
  const entries = (pod?.entries ?? []).map((raw) => readValue(raw, podCtx));
  for (const entry of entries) {
    if (entry.key === 'PublishPort') c.ports.push({ ...parsePortSpec(entry.value), loc: entry.loc, published: true });
    else if (entry.key === 'Network') w.hostNetwork = hostMode(entry);
    else if (entry.key === 'Volume') c.mounts.push(volumeUnitMount(parseVolumeSpec(entry.value, entry.loc), ctx.model, file.path, c));
  }
  // `podman pod create --userns` (UserNS=, RemapUsers=): every container's user namespace.
  state.podUserNS = sectionUserNamespace(entries);
  // The pod's PodmanArgs= come after its keys on `podman pod create`.
  const args = readPodPodmanArgs(entries, file, ctx.model, ctx.errors);
  c.ports.push(...args.ports);
  for (const m of args.volumes) c.mounts.push(volumeUnitMount(m, ctx.model, file.path, c));
  if (args.hostNetwork) w.hostNetwork = args.hostNetwork;
  if (args.userns) state.podUserNS = args.userns;
}

/**
 * `Volume=data.volume:/srv` (or `Mount=type=volume,source=data.volume,…`) names a
 * `.volume` unit. One whose `[Volume]` binds a host directory (`Device=/path` with
 * `Options=bind`, as `podman volume create --opt device=/path --opt o=bind` does,
 * or `Type=bind`) is that host directory for every rule, located at `Device=` in
 * the unit, where every container that uses it shares it; `Options=` with `ro`
 * makes it read-only for all of them. Other volumes stay named volumes.
 */
export function volumeUnitMount(mount: Mount, model: ScanModel, from: string, user?: ContainerSpec): Mount {
  const name = mount.source?.value;
  if (mount.kind !== 'volume' || !name || mount.source?.dynamic || !name.endsWith('.volume')) return mount;
  const named = readNamedUnit(model, from, name);
  if (!named) return mount;
  const file = named.file;
  const section = named.sections.filter((s) => s.name === 'Volume').pop();
  if (!section) return mount;
  const unit = { model, unit: unitIdentity(file.path) };
  const last = (key: string): UnitEntry | undefined => {
    const entry = section.entries.filter((e) => e.key === key).pop();
    return entry ? lookupValue(readValue(entry, unit)) : undefined;
  };
  const driver = last('Driver')?.value.value;
  // `Driver=image`: the volume is an image's filesystem, pulled like a container's.
  const image = last('Image');
  if (driver === 'image' && image && user && !image.value.value.endsWith('.image')) {
    const ref = whole(image);
    const same = (r: { ref: Located<string> }) => r.ref.loc.file === ref.loc.file && r.ref.loc.startLine === ref.loc.startLine;
    // One reference, however many containers use the volume.
    if (!model.imageRefs.some(same)) model.imageRefs.push({ input: 'QL', ref, resource: user.resource, role: 'container' });
  }
  const device = last('Device');
  const options = last('Options');
  const type = last('Type')?.value.value;
  if ((driver && driver !== 'local') || !device || device.value.dynamic || !device.value.value.startsWith('/')) return mount;
  const opts = (options?.value.value ?? '').split(',').map((o) => o.trim());
  if (!opts.includes('bind') && !opts.includes('rbind') && type !== 'bind') return mount;
  const source = located(device.value.value, device.loc);
  const bound: Mount = { ...mount, kind: 'host', source, declaredAt: device.loc };
  if (opts.includes('ro') && options) bound.readOnly = located(true, options.loc);
  return bound;
}

/**
 * A unit another unit names (`x.image`, `x.build`, `x.pod`, `x.volume`), beside
 * it, with its drop-ins merged as Quadlet merges them for the unit itself
 * (`x.volume.d/*.conf`, `volume.d/*.conf`…).
 */
export function readNamedUnit(model: ScanModel, from: string, name: string): { file: SourceFile; sections: UnitSection[] } | undefined {
  const file = readSideFile(model, from, name);
  if (!file) return undefined;
  const sections = mergeSections(parseUnitFile(file).sections, readDropIns(model, file.path, unitIdentity(file.path)));
  return { file, sections };
}

/**
 * `Network=db.container` reuses that container's network stack: the host's, when
 * that unit says `Network=host` (located here, where this unit joins it).
 */
function joinedNetwork(entry: UnitEntry, ctx: QuadletContext): Located<boolean> {
  const unit = readNamedUnit(ctx.model, ctx.src.path, entry.value.value);
  const network = unit?.sections.filter((s) => s.name === 'Container').flatMap((s) => s.entries.filter((e) => e.key === 'Network')).pop();
  return located(network?.value.value === 'host', entry.loc, network?.value.dynamic || undefined);
}
