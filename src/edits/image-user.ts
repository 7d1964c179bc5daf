/**
 * The numeric user an image is known to run as, so a run-as-root fix can give a
 * container the user its image was made for (files in the image belong to it)
 * instead of a blind UID. Known means: a Containerfile's final stage that creates
 * the user with an explicit UID, or a base image from the short table below whose
 * documented default user is numeric and non-root. Anything else is unknown, and
 * the fix falls back to the configured UID (`--uid`, default 10001).
 */
import { parseRealImage } from '../rules/support/registry.js';

export interface NumericUser {
  uid: number;
  /** Undefined when only the UID is known (the image's passwd file then gives the group). */
  gid?: number;
}

interface KnownImage {
  /** Normalised repository (`docker.io/nginxinc/nginx-unprivileged`); a trailing `/` matches a prefix. */
  repository: string;
  /** Only tags matching this (distroless runs as root unless the tag says `nonroot`). */
  tag?: RegExp;
  user: NumericUser;
}

/**
 * Images whose default user is a documented numeric non-root user. Kept short on
 * purpose: a wrong entry would write a wrong UID into someone's manifest.
 */
const KNOWN_IMAGES: readonly KnownImage[] = [
  // nginxinc/docker-nginx-unprivileged: `ARG UID=101`, `ARG GID=101`, `USER $UID`.
  { repository: 'docker.io/nginxinc/nginx-unprivileged', user: { uid: 101, gid: 101 } },
  // GoogleContainerTools/distroless: the `nonroot` user of the `:nonroot`/`:debug-nonroot` tags.
  { repository: 'gcr.io/distroless/', tag: /(^|-)nonroot$/, user: { uid: 65532, gid: 65532 } },
];

/**
 * The known default user of an image reference, or undefined.
 *
 * @example
 * knownImageUser('nginxinc/nginx-unprivileged:1.27'); // { uid: 101, gid: 101 }
 * knownImageUser('gcr.io/distroless/static-debian12:nonroot'); // { uid: 65532, gid: 65532 }
 * knownImageUser('nginx'); // undefined
 */
export function knownImageUser(image: string | undefined): NumericUser | undefined {
  if (!image) return undefined;
  const ref = parseRealImage(image);
  if (!ref) return undefined;
  const repository = `${ref.registry}/${ref.repository}`;
  for (const known of KNOWN_IMAGES) {
    const matches = known.repository.endsWith('/') ? repository.startsWith(known.repository) : repository === known.repository;
    if (matches && (!known.tag || known.tag.test(ref.tag ?? ''))) return known.user;
  }
  return undefined;
}

/** distroless' `nonroot` user, on the bases known to define it. */
const NONROOT_UID = 65532;

/**
 * The UID a named user gets in a Containerfile stage: a `useradd`/`adduser` with
 * an explicit UID in the stage's commands, or `nonroot` on a distroless nonroot
 * base. Undefined when not known (`nobody` is 65534 on most distributions, 99 on
 * older ones: not known).
 *
 * @example
 * createdUserId('app', ['groupadd -g 10001 app && useradd -u 10001 -g app app']); // 10001
 */
export function createdUserId(name: string, commands: readonly string[], base?: string): number | undefined {
  let found: number | undefined;
  for (const text of commands) {
    for (const command of text.split(/&&|\|\||[;|\n]/)) {
      const words = command.replace(/\\\r?\n/g, ' ').trim().split(/\s+/);
      const at = words.findIndex((w) => /^(?:\/usr\/sbin\/|\/usr\/bin\/|\/sbin\/|\/bin\/)?(useradd|adduser)$/.test(w));
      if (at === -1) continue;
      const args = words.slice(at + 1);
      // The user name is the last word that is not an option or an option's value.
      const uid = optionValue(args, ['-u', '--uid']);
      if (uid === undefined || args.at(-1) !== name) continue;
      if (!/^\d+$/.test(uid)) return undefined;
      found = Number(uid);
    }
  }
  if (found !== undefined) return found;
  if (name === 'nonroot' && knownImageUser(base)?.uid === NONROOT_UID) return NONROOT_UID;
  return undefined;
}

/** `-u 10001`, `-u10001`, `--uid 10001`, `--uid=10001`. */
function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    for (const name of names) {
      if (word === name) return args[i + 1];
      if (name.startsWith('--') && word.startsWith(`${name}=`)) return word.slice(name.length + 1);
      if (!name.startsWith('--') && word.startsWith(name) && word.length > name.length) return word.slice(name.length);
    }
  }
  return undefined;
}

/** `uid:gid`, or `uid` alone when the group is not known. */
export function formatUser(user: NumericUser): string {
  return user.gid === undefined ? String(user.uid) : `${user.uid}:${user.gid}`;
}
