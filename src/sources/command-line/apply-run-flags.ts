/**
 * Turns parsed run flags into model facts. Shared by run lines and Quadlet
 * `PodmanArgs=`, so `--read-only` means the same wherever it is written.
 * Scalar facts are located at the flag as written (`--user root`); list items at
 * their own text (`SYS_ADMIN` in `--cap-add NET_RAW,SYS_ADMIN`).
 */
import type { ContainerSpec, Mount } from '../../model/container-spec.js';
import type { ScanError } from '../../model/finding.js';
import { located, type Located, type Location } from '../../model/location.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { capabilityList } from '../container-values/capabilities.js';
import { envVarFromAssignment, envVarOf, parseEnvFile } from '../container-values/env-file.js';
import { parseMountCsv, parseTmpfsSpec, parseVolumeSpec } from '../container-values/mount-spec.js';
import { parsePortSpec } from '../container-values/port-spec.js';
import { applySecretSpec } from '../container-values/secret-spec.js';
import { applySecurityOpt } from '../container-values/security-opt.js';
import { parseBool, toLocated, type TextSpan } from '../container-values/text-span.js';
import { readSideFile } from '../side-file.js';
import type { ParsedFlag, WordSlice } from './run-args.js';
import type { UserNamespaceSetting } from './user-namespace.js';

/** How flag offsets become file locations. */
export interface FlagLocator {
  /** Location of a range of parsed offsets. */
  loc(start: number, end: number): Location;
  /** A value as a span: exact sub-locations when it is written verbatim. */
  span(slice: WordSlice): TextSpan;
}

export interface ApplyContext {
  model: ScanModel;
  errors: ScanError[];
  /** The file the flags are written in (env files are read beside it). */
  file: string;
  at: FlagLocator;
}

/** What the flags decide only together with others (applied by the caller). */
export interface RunFlagsResult {
  /** The last `--userns`: with no `--user` anywhere, `keep-id` decides the user (user-namespace.ts). */
  userns?: UserNamespaceSetting;
}

/**
 * Applies every flag, in order (a later `--user` wins, as in the tools).
 *
 * @example
 * applyRunFlags(container, workload, parseRunArgs(words).flags, ctx);
 */
export function applyRunFlags(container: ContainerSpec, workload: Workload, flags: readonly ParsedFlag[], ctx: ApplyContext): RunFlagsResult {
  const result: RunFlagsResult = {};
  for (const flag of flags) {
    if (flag.name === 'userns' && flag.value) result.userns = { value: ctx.at.span(flag.value), loc: ctx.at.loc(flag.start, flag.end) };
    else applyRunFlag(container, workload, flag, ctx);
  }
  return result;
}

function applyRunFlag(c: ContainerSpec, w: Workload, flag: ParsedFlag, ctx: ApplyContext): void {
  const loc = ctx.at.loc(flag.start, flag.end);
  const span = flag.value ? ctx.at.span(flag.value) : undefined;
  const bool = (): Located<boolean> => {
    if (!span) return located(true, loc);
    const b = parseBool(span.value);
    return located(b ?? false, loc, b === undefined || undefined);
  };
  const whole = (): Located<string> | undefined => (span ? { ...toLocated(span), loc } : undefined);
  const hostNamespace = (): Located<boolean> | undefined => (span ? located(span.value === 'host', loc, span.dynamic || undefined) : undefined);
  switch (flag.name) {
    case 'name':
      if (span) {
        c.name = toLocated(span);
        w.name = span.value;
      }
      return;
    case 'user':
      if (span) {
        c.user = whole();
        const colon = span.value.indexOf(':');
        if (colon !== -1) c.group = toLocated(span.sub(colon + 1));
      }
      return;
    case 'privileged':
      c.privileged = bool();
      return;
    case 'read-only':
      c.readOnlyRootFilesystem = bool();
      return;
    case 'security-opt':
      if (span) applySecurityOpt(c, span, loc);
      return;
    case 'cap-add':
      if (span) c.capAdd.push(...capabilityList(span));
      return;
    case 'cap-drop':
      if (span) c.capDrop.push(...capabilityList(span));
      return;
    case 'volume':
      if (span) c.mounts.push(parseVolumeSpec(span, loc));
      return;
    case 'mount':
      if (span) {
        const mount = parseMountCsv(span, loc);
        c.mounts.push(mount);
        addImageMountRef(span, mount, c, ctx.model);
      }
      return;
    case 'tmpfs':
      if (span) c.mounts.push(parseTmpfsSpec(span, loc));
      return;
    case 'publish':
      if (span) c.ports.push({ ...parsePortSpec(span), loc, published: true });
      return;
    case 'expose':
      // Declared, not published: the port the container means to listen on.
      if (span) c.ports.push({ ...parsePortSpec(span), loc, published: false });
      return;
    case 'publish-all': {
      // `-P` publishes every port the image exposes, each on a random host port on
      // every interface; which ports those are only the image knows.
      const on = bool();
      if (on.value && !on.dynamic) c.ports.push({ loc, published: true });
      return;
    }
    case 'env':
      if (span) c.env.push(envVarFromAssignment(span, loc));
      return;
    case 'env-file':
      if (span && !span.dynamic) readEnvFile(c, span.value, ctx);
      return;
    case 'secret':
      if (span) applySecretSpec(c, span, loc);
      return;
    case 'network':
      w.hostNetwork = hostNamespace();
      return;
    case 'pid':
      w.hostPID = hostNamespace();
      return;
    case 'ipc':
      w.hostIPC = hostNamespace();
      return;
    case 'uts':
      w.hostUTS = hostNamespace();
      return;
    case 'cpus':
      c.cpuLimit = whole();
      return;
    case 'memory':
      c.memoryLimit = whole();
      return;
    case 'pids-limit':
      c.pidsLimit = whole();
      return;
    case 'runtime':
      w.runtime = whole();
      return;
    case 'sysctl':
      // `--sysctl name=value`: a kernel parameter of the container's own namespaces.
      if (span) addSysctl(c, span);
      return;
    case 'label':
      // `--label key=value` (or a bare key): workload labels mark untrusted workloads.
      if (span && !span.dynamic) addLabel(w, span.value);
      return;
    default:
      return;
  }
}

/**
 * `--mount type=image,source=fedora,…` (Quadlet `Mount=`): the image's filesystem is
 * mounted, so the image is pulled like the container's own and judged as one.
 */
export function addImageMountRef(csv: TextSpan, mount: Mount, c: ContainerSpec, model: ScanModel): void {
  if (!/(?:^|,)type=image(?:,|$)/.test(csv.value) || !mount.source || mount.source.value === '') return;
  model.imageRefs.push({ input: c.input, ref: mount.source, resource: c.resource, role: 'container' });
}

/** `name=value` of `--sysctl`/`Sysctl=`, the value located as written. */
export function addSysctl(c: ContainerSpec, span: TextSpan): void {
  const eq = span.value.indexOf('=');
  if (eq <= 0) return;
  // A name-keyed record of names from the input: no prototype to write through.
  (c.sysctls ??= Object.create(null) as Record<string, Located<string>>)[span.value.slice(0, eq).trim()] = toLocated(span.sub(eq + 1));
}

/** Adds one `key=value` (or bare `key`) label. */
export function addLabel(w: Workload, text: string): void {
  const eq = text.indexOf('=');
  const key = eq === -1 ? text : text.slice(0, eq);
  if (key) w.labels[key] = eq === -1 ? '' : text.slice(eq + 1);
}

/** `--env-file`: read beside the file that names it; each entry located in the env file. */
function readEnvFile(c: ContainerSpec, path: string, ctx: ApplyContext): void {
  const file = readSideFile(ctx.model, ctx.file, path);
  if (!file) return;
  // docker and podman take the rest of the line as the value, quotes included.
  for (const entry of parseEnvFile(file, false)) c.env.push(envVarOf(entry));
}
