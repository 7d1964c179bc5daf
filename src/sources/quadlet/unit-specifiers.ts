/**
 * systemd specifiers (systemd.unit(5) "Specifiers") in Quadlet values. Quadlet
 * passes them through to the generated service, where systemd expands them when
 * the container starts: `Volume=%h/data:/data` is a bind mount of a directory in
 * the home directory, `%t/podman/podman.sock` is podman's API socket.
 *
 * What a specifier expands to depends on whether the unit runs in the system or a
 * user's service manager. A unit under a `users/` directory or a
 * `.config/containers/systemd` tree is a user unit (podman-systemd.unit(5) search
 * paths); any other is read as a system unit. Specifiers whose value only the
 * running host knows (`%H`, `%m`, a user unit's `%U`) stay unknown: a value that
 * holds one is dynamic, which rules never judge.
 */
import { looseSpan, type TextSpan } from '../container-values/text-span.js';

export interface UnitIdentity {
  /** `web` for `web.container`, `sleep@10` for `sleep@10.container`. */
  name: string;
  /** The unit type: `container`, `pod`, `kube`… */
  type: string;
  /** `sleep` for `sleep@10.container`; the name itself for a non-template unit. */
  prefix: string;
  /** `10` for `sleep@10.container`; '' for a template itself or a plain unit. */
  instance: string;
  /** `sleep@.container`: a template, instantiated only at run time. */
  template: boolean;
  /** Runs in a user's service manager rather than the system's. */
  user: boolean;
}

/**
 * Who a unit is, from its path.
 *
 * @example
 * unitIdentity('/etc/containers/systemd/sleep@10.container'); // { name: 'sleep@10', prefix: 'sleep', instance: '10', … }
 */
export function unitIdentity(path: string): UnitIdentity {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = file.lastIndexOf('.');
  const name = dot > 0 ? file.slice(0, dot) : file;
  const type = dot > 0 ? file.slice(dot + 1) : '';
  const at = name.indexOf('@');
  const prefix = at === -1 ? name : name.slice(0, at);
  const instance = at === -1 ? '' : name.slice(at + 1);
  const normalized = path.replace(/\\/g, '/');
  const user = /(^|\/)users\//.test(normalized) || normalized.includes('.config/containers/systemd');
  return { name, type, prefix, instance, template: at !== -1 && instance === '', user };
}

/**
 * Whether the unit lies in a directory only the system's (rootful) Quadlet generator
 * reads: `/etc/containers/systemd/`, `/usr/share/containers/systemd/`,
 * `/run/containers/systemd/` outside their `users/` trees (podman-systemd.unit(5)
 * search paths). A unit found anywhere else (a repository) may be meant for either,
 * so it is not known to run as root.
 *
 * @example
 * inSystemUnitDirectory('/etc/containers/systemd/web.container'); // true
 */
export function inSystemUnitDirectory(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  return /(^|\/)(etc|usr\/share|run)\/containers\/systemd\//.test(normalized) && !/\/containers\/systemd\/(.*\/)?users\//.test(normalized);
}

/** What each specifier expands to; undefined: only the running host knows. */
function specifierValue(ch: string, unit: UnitIdentity): string | undefined {
  switch (ch) {
    case '%':
      return '%';
    case 'n':
      return `${unit.name}.service`;
    case 'N':
      return unit.name;
    case 'p':
      return unit.prefix;
    case 'i':
    case 'I':
      return unit.template ? undefined : unit.instance;
    case 'j':
    case 'J': {
      const dash = unit.prefix.lastIndexOf('-');
      return dash === -1 ? unit.prefix : unit.prefix.slice(dash + 1);
    }
    case 'h':
      return unit.user ? undefined : '/root';
    case 'u':
      return unit.user ? undefined : 'root';
    case 'U':
    case 'G':
      return unit.user ? undefined : '0';
    case 'g':
      return unit.user ? undefined : 'root';
    case 't':
      return unit.user ? undefined : '/run';
    case 'E':
      return unit.user ? undefined : '/etc';
    case 'S':
      return unit.user ? undefined : '/var/lib';
    case 'C':
      return unit.user ? undefined : '/var/cache';
    case 'L':
      return unit.user ? undefined : '/var/log';
    case 'T':
      return '/tmp';
    case 'V':
      return '/var/tmp';
    default:
      return undefined;
  }
}

/**
 * User units: the home directory and the runtime directory are known by shape
 * (`/home/<user>`, `/run/user/<uid>`) though not by name, which is enough to tell
 * what a path under them is. `*` stands for the unknown segment.
 */
function userShape(ch: string): string | undefined {
  switch (ch) {
    case 'h':
      return '/home/*';
    case 't':
      return '/run/user/*';
    case 'E':
      return '/home/*/.config';
    case 'S':
      return '/home/*/.local/state';
    case 'C':
      return '/home/*/.cache';
    case 'L':
      return '/home/*/.local/state/log';
    default:
      return undefined;
  }
}

export interface Expanded {
  span: TextSpan;
  /** Some specifier could not be expanded. */
  unknown: boolean;
}

/**
 * Expands the specifiers of a value. A value without `%` is returned as it is (with
 * its exact positions); an expanded one is located at the whole value.
 *
 * @example
 * expandSpecifiers(span('%h/.ssh:/keys'), unitIdentity('/etc/containers/systemd/a.container')).span.value; // '/root/.ssh:/keys'
 */
export function expandSpecifiers(span: TextSpan, unit: UnitIdentity): Expanded {
  const text = span.value;
  if (!text.includes('%')) return { span, unknown: false };
  let out = '';
  let unknown = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '%' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const spec = text[++i]!;
    const value = specifierValue(spec, unit) ?? (unit.user ? userShape(spec) : undefined);
    if (value === undefined) {
      unknown = true;
      out += `%${spec}`;
    } else out += value;
  }
  return { span: looseSpan(out, span.loc, span.dynamic || unknown), unknown };
}
