/**
 * Mount syntaxes shared by the sources: `-v`/`Volume=`/Compose short volumes
 * (`[source:]target[:options]`), `--tmpfs`/`Tmpfs=`/Compose `tmpfs`
 * (`target[:options]`) and `--mount`/`Mount=` CSV (`type=bind,source=…,target=…`).
 */
import { located, type Location } from '../../model/location.js';
import type { Mount } from '../../model/container-spec.js';
import { parseBool, splitSpan, toLocated, type TextSpan } from './text-span.js';

/** Whether a volume source names a host path rather than a named volume. */
export function isHostSource(source: string): boolean {
  return /^[/.~$]/.test(source) || /^[A-Za-z]:[\\/]/.test(source);
}

/**
 * Reads `-v host:ctr:ro,Z`, `-v name:/data`, `-v /data`.
 *
 * @example
 * parseVolumeSpec(span('/srv:/data:ro,Z'), loc) // kind host, source /srv, target /data, readOnly true
 */
export function parseVolumeSpec(span: TextSpan, loc: Location = span.loc): Mount {
  const parts = splitSpan(span, ':');
  // A Windows drive letter (`C:\data:/data`) keeps its colon.
  if (parts.length > 1 && /^[A-Za-z]$/.test(parts[0]!.value) && /^[\\/]/.test(parts[1]!.value)) {
    const joined = span.sub(0, parts[0]!.value.length + 1 + parts[1]!.value.length);
    parts.splice(0, 2, joined);
  }
  if (parts.length === 1) {
    return { kind: 'volume', loc, target: toLocated(parts[0]!), options: [] };
  }
  const [source, target, opts] = parts as [TextSpan, TextSpan, TextSpan | undefined];
  const mount: Mount = {
    kind: isHostSource(source.value) ? 'host' : 'volume',
    loc,
    source: toLocated(source),
    target: toLocated(target),
    options: [],
  };
  if (opts) {
    mount.options = splitSpan(opts, ',').filter((o) => o.value !== '').map((o) => toLocated(o));
    const ro = mount.options.find((o) => o.value === 'ro' || o.value === 'readonly');
    const rw = mount.options.find((o) => o.value === 'rw');
    if (ro) mount.readOnly = located(true, ro.loc);
    else if (rw) mount.readOnly = located(false, rw.loc);
  }
  return mount;
}

/**
 * Reads `--tmpfs /tmp:rw,size=64m,nosuid`.
 *
 * @example
 * parseTmpfsSpec(span('/tmp:rw,size=64m')) // target /tmp, options [rw, size=64m], sizeLimit 64m
 */
export function parseTmpfsSpec(span: TextSpan, loc: Location = span.loc): Mount {
  const colon = span.value.indexOf(':');
  const target = colon === -1 ? span : span.sub(0, colon);
  const mount: Mount = { kind: 'tmpfs', loc, target: toLocated(target), options: [] };
  if (colon !== -1) addMountOptions(mount, splitSpan(span.sub(colon + 1), ','));
  return mount;
}

/** Adds `nosuid`, `size=64m`, `ro`… to a mount, reading size and read-only from them. */
export function addMountOptions(mount: Mount, options: TextSpan[]): void {
  for (const option of options) {
    if (option.value === '') continue;
    const located_ = toLocated(option);
    (mount.options ??= []).push(located_);
    const eq = option.value.indexOf('=');
    const key = eq === -1 ? option.value : option.value.slice(0, eq);
    if ((key === 'size' || key === 'tmpfs-size') && eq !== -1) mount.sizeLimit = toLocated(option.sub(eq + 1));
    if (key === 'ro' || key === 'readonly') {
      const flag = eq === -1 ? true : parseBool(option.value.slice(eq + 1));
      if (flag !== undefined) mount.readOnly = located(flag, option.loc);
    } else if (key === 'rw' && eq === -1) mount.readOnly = located(false, option.loc);
  }
}

/**
 * Reads `--mount type=bind,source=/a,target=/b,readonly`. Keys that are not
 * about where or how (`type`, `source`, `target`) are kept as options, as written.
 *
 * @example
 * parseMountCsv(span('type=tmpfs,target=/run,tmpfs-size=64m')) // kind tmpfs, sizeLimit 64m
 */
export function parseMountCsv(span: TextSpan, loc: Location = span.loc): Mount {
  const fields = splitSpan(span, ',');
  let type = 'volume';
  for (const field of fields) {
    const m = /^type=(.*)$/.exec(field.value);
    if (m) type = m[1]!;
  }
  const kind: Mount['kind'] = type === 'bind' ? 'host' : type === 'tmpfs' || type === 'ramfs' ? 'tmpfs' : type === 'volume' ? 'volume' : type === 'secret' ? 'secret' : 'other';
  const mount: Mount = { kind, loc, options: [] };
  const options: TextSpan[] = [];
  for (const field of fields) {
    const eq = field.value.indexOf('=');
    const key = (eq === -1 ? field.value : field.value.slice(0, eq)).toLowerCase();
    const value = eq === -1 ? undefined : field.sub(eq + 1);
    if (key === 'type') continue;
    if ((key === 'source' || key === 'src') && value) mount.source = toLocated(value);
    else if ((key === 'target' || key === 'destination' || key === 'dst' || key === 'dest') && value) mount.target = toLocated(value);
    else options.push(field);
  }
  addMountOptions(mount, options);
  return mount;
}
