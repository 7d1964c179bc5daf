/**
 * Who a container runs as, shared by run-as-root, user-not-numeric and
 * privileged-port so that they agree on one answer.
 */
import type { ContainerSpec } from '../../model/container-spec.js';
import type { Location } from '../../model/location.js';

/**
 * The user part of `user[:group]` as written.
 *
 * @example
 * userPart('app:app'); // 'app'
 */
export function userPart(user: string): string {
  const colon = user.indexOf(':');
  return (colon === -1 ? user : user.slice(0, colon)).trim();
}

/**
 * True for `root` and UID 0 (`0`, `00`); false for any other user.
 *
 * @example
 * isRootUser('0:0'); // true
 */
export function isRootUser(user: string): boolean {
  const u = userPart(user);
  return u === '' || u === 'root' || /^0+$/.test(u);
}

export interface RootVerdict {
  /** true: runs as UID 0; false: as another user; undefined: cannot tell (a variable). */
  root: boolean | undefined;
  /** The value that decided it, or the container when the user is not set at all. */
  loc: Location;
  /** True when no user is set anywhere, so the image's default (root) applies. */
  unset: boolean;
}

/**
 * Whether the container would run as UID 0. Kubernetes' `runAsNonRoot: true` makes
 * the kubelet refuse root, so it counts as non-root; otherwise the effective user
 * decides, and no user at all means the image default, root.
 *
 * @example
 * rootVerdict(container).root; // true | false | undefined
 */
export function rootVerdict(c: ContainerSpec): RootVerdict {
  const { user, runAsNonRoot } = c;
  if (runAsNonRoot?.value === true && !runAsNonRoot.dynamic) return { root: false, loc: runAsNonRoot.loc, unset: false };
  if (user && !user.dynamic && !isRootUser(user.value)) return { root: false, loc: user.loc, unset: false };
  // `USER $APP_UID`, `--user ${UID}`: unknown, never a violation.
  if (user?.dynamic || runAsNonRoot?.dynamic) return { root: undefined, loc: user?.loc ?? c.loc, unset: false };
  // An empty user (an image config's `"User": ""`) is the same as none.
  if (!user || user.value.trim() === '') return { root: true, loc: user?.loc ?? runAsNonRoot?.loc ?? c.loc, unset: true };
  return { root: true, loc: user.loc, unset: false };
}

/**
 * Whether the container runs as root: true, false, or undefined when unknown.
 *
 * @example
 * isRoot(container) === false; // known to run as non-root
 */
export function isRoot(c: ContainerSpec): boolean | undefined {
  return rootVerdict(c).root;
}
