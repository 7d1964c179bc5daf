/**
 * podman 5 flags that the generated table (podman 4.3.1's `--help`, the newest
 * podman Debian packages) does not have. podman 5 is not installable here, so they
 * are kept by hand, read from podman's own documentation: each flag has an option
 * file `docs/source/markdown/options/<flag>.md` naming the commands that use it
 * (`podman create, run`), and podman 5's cobra flag tree (`podman container run`)
 * tells whether it takes a value. `from` records where each entry came from, so a
 * regenerated table from a podman 5 `--help` can replace this list.
 */
import type { RunFlag } from './flag-table.js';

export interface DocumentedFlag extends RunFlag {
  /** The podman version line whose documentation lists the flag. */
  from: 'podman 5';
}

const podman5 = (long: string, takesValue = true): DocumentedFlag => ({ long, takesValue, tools: ['podman'], from: 'podman 5' });

/** `podman run`/`create` flags added after 4.3.1. */
export const PODMAN5_RUN_FLAGS: readonly DocumentedFlag[] = [
  podman5('decryption-key'),
  podman5('group-entry'),
  podman5('health-log-destination'),
  podman5('health-max-log-count'),
  podman5('health-max-log-size'),
  podman5('health-startup-cmd'),
  podman5('health-startup-interval'),
  podman5('health-startup-retries'),
  podman5('health-startup-success'),
  podman5('health-startup-timeout'),
  podman5('hosts-file'),
  podman5('no-hostname', false),
  podman5('preserve-fd'),
  podman5('rdt-class'),
  podman5('retry'),
  podman5('retry-delay'),
  podman5('shm-size-systemd'),
];

/** Global `podman` options (before the subcommand) added after 4.3.1. */
export const PODMAN5_GLOBAL_FLAGS: readonly DocumentedFlag[] = [
  podman5('cdi-spec-dir'),
  // docker's `--config`; podman 5 has it too (a directory with the auth file).
  podman5('config'),
  podman5('imagestore'),
  podman5('module'),
  podman5('out'),
  podman5('transient-store', false),
];
