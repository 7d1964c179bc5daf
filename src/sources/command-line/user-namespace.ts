/**
 * The user a container runs as because of its user namespace mode (`podman run
 * --userns`, Quadlet `UserNS=`/`RemapUsers=`, `podman kube play --userns`, Compose
 * `userns_mode` under podman-compose). One answer for every input.
 *
 * podman-run(1) `--userns` and podman's specgen (pkg/specgen/generate/namespaces.go):
 * - `keep-id[:uid=N,gid=G]`: when no `--user` is given, podman sets the process
 *   user to N, or to the UID of the user running podman, over the image's `USER`
 *   (podman-systemd.unit(5) `UserNS=`): for a rootless user never 0 (which UID only
 *   the host knows); for podman run as root (podman 5 allows it) UID 0;
 * - `auto[:…]`, `nomap`, `host`, `""`, `container:id`, `ns:path`, `private`: the
 *   namespace changes how container IDs map to host IDs, not which user the process
 *   is inside the container: the image's user (root when it sets none) stays, and
 *   run-as-root judges it as it would without the flag.
 * Docker accepts only `host` (it turns off the daemon's userns-remap for the
 * container): no mode changes the container's user there either.
 */
import type { ContainerSpec } from '../../model/container-spec.js';
import { located, type Located, type Location } from '../../model/location.js';
import type { TextSpan } from '../container-values/text-span.js';

/** A user namespace mode as written, and where a finding about it points. */
export interface UserNamespaceSetting {
  value: TextSpan;
  loc: Location;
}

/** What a user a finding cannot name is shown as: the user who runs podman. */
export const PODMAN_USER = '(the user running podman)';

/**
 * The user `keep-id[:uid=N]` runs the process as: N; else, when podman is known to
 * run as root, 0; else the rootless user running podman (unknown here, never root).
 * Undefined for every other mode and for a value only known at run time.
 *
 * @example
 * keepIdUser({ value: span('keep-id:uid=200,gid=200'), loc })?.value; // '200'
 * keepIdUser({ value: span('keep-id'), loc }, true)?.value; // '0'
 */
export function keepIdUser(setting: UserNamespaceSetting, rootful = false): Located<string> | undefined {
  const { value, loc } = setting;
  if (value.dynamic) return undefined;
  const text = value.value.trim();
  const colon = text.indexOf(':');
  if ((colon === -1 ? text : text.slice(0, colon)) !== 'keep-id') return undefined;
  const options = colon === -1 ? [] : text.slice(colon + 1).split(',');
  const uid = options.map((o) => /^uid=(\d+)$/.exec(o.trim())?.[1]).filter((u) => u !== undefined).pop();
  if (uid !== undefined) return located(uid, loc);
  // Known to be run by root (a system Quadlet directory, `sudo podman run`): UID 0.
  return rootful ? located('0', loc) : located(PODMAN_USER, loc, true);
}

/**
 * Sets the container's user from its user namespace mode when no user is set
 * (`--user` always wins, as in podman).
 *
 * @example
 * applyUserNamespace(container, { value: span('keep-id'), loc });
 */
export function applyUserNamespace(c: ContainerSpec, setting: UserNamespaceSetting | undefined, rootful = false): void {
  if (c.user || !setting) return;
  const user = keepIdUser(setting, rootful);
  if (user) c.user = user;
}
