/**
 * What `seaworthy fix` may choose on the user's behalf. Values a fix cannot guess
 * safely (limits, a host address) are left out unless configured; the rest have
 * documented defaults.
 */
import type { PodDefaultsOptions } from './pod-spec-defaults.js';
import { formatUser, knownImageUser, type NumericUser } from './image-user.js';

export interface FixOptions extends PodDefaultsOptions {
  /** `pids_limit`, `--pids-limit`, `PidsLimit=` for containers without one; default 100. */
  pidsLimit?: number;
  /** Compose/run-line/Quadlet tmpfs size (`size=64m`); default 64m. */
  tmpfsSizeEngine?: string;
}

export const DEFAULT_PIDS_LIMIT = 100;
export const DEFAULT_ENGINE_TMPFS_SIZE = '64m';

/** The user a fix gives a container that runs as root: `10001:10001` unless configured. */
export function fixUser(options: FixOptions): string {
  const uid = options.uid ?? 10001;
  return `${uid}:${options.gid ?? uid}`;
}

/**
 * The numeric user for a container of `image`: the image's own known user
 * (image-user.ts), else the configured one.
 *
 * @example
 * imageFixUser('nginxinc/nginx-unprivileged:1.27', {}); // { uid: 101, gid: 101 }
 * imageFixUser('nginx', { uid: 1000 }); // { uid: 1000, gid: 1000 }
 */
export function imageFixUser(image: string | undefined, options: FixOptions): NumericUser {
  const known = knownImageUser(image);
  if (known) return known;
  const uid = options.uid ?? 10001;
  return { uid, gid: options.gid ?? uid };
}

/** `uid:gid` for `image`, as `--user` and Compose `user` take it. */
export function imageFixUserText(image: string | undefined, options: FixOptions): string {
  return formatUser(imageFixUser(image, options));
}
