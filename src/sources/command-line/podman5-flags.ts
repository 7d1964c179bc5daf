/**
 * podman flags that the generated table (podman 4.3.1's `--help`, the newest podman
 * Debian packages) does not have. podman 5 is not installable here, so they are
 * kept by hand, read from podman 5.6.0's own source (the Go module
 * github.com/containers/podman/v5@v5.6.0: `cmd/podman/common/create.go`,
 * `netflags.go` and `cmd/podman/root.go` define each flag and whether it takes a
 * value), and `from` records the podman release that first shipped each one, as
 * its RELEASE_NOTES.md says. Flags podman accepts but hides from `--help`
 * (deprecated or Docker-compatibility no-ops) cannot be dated by the notes: they
 * say where they were read. A table regenerated from a podman 5 `--help` can
 * replace the visible ones; the hidden ones stay here (no `--help` prints them).
 */
import type { RunFlag } from './flag-table.js';

export interface DocumentedFlag extends RunFlag {
  /** Where the flag comes from: the release that added it, or the source that shows a hidden one. */
  from: string;
}

/** Read in podman's source but left out of `--help`, so no release note dates them. */
const HIDDEN = 'podman 5.6.0 source (hidden from --help)';

const podman = (from: string, long: string, takesValue = true, short?: string): DocumentedFlag => ({ long, takesValue, tools: ['podman'], from, ...(short && { short }) });

/** `podman run`/`create` flags missing from the 4.3.1 table. */
export const PODMAN5_RUN_FLAGS: readonly DocumentedFlag[] = [
  // "podman pull and podman run … a new option, --decryption-key" (4.4.0).
  podman('podman 4.4.0', 'decryption-key'),
  // Startup healthchecks arrived in 4.4.0 ("Containers can now have startup healthchecks").
  podman('podman 4.4.0', 'health-startup-cmd'),
  podman('podman 4.4.0', 'health-startup-interval'),
  podman('podman 4.4.0', 'health-startup-retries'),
  podman('podman 4.4.0', 'health-startup-success'),
  podman('podman 4.4.0', 'health-startup-timeout'),
  podman('podman 4.5.0', 'group-entry'),
  podman('podman 4.5.0', 'shm-size-systemd'),
  podman('podman 4.8.0', 'rdt-class'),
  podman('podman 5.0.0', 'preserve-fd'),
  podman('podman 5.0.0', 'retry'),
  podman('podman 5.0.0', 'retry-delay'),
  podman('podman 5.3.0', 'health-log-destination'),
  podman('podman 5.3.0', 'health-max-log-count'),
  podman('podman 5.3.0', 'health-max-log-size'),
  podman('podman 5.4.0', 'hosts-file'),
  podman('podman 5.4.0', 'no-hostname', false),
  // A no-op for Docker compatibility since 3.3.0, hidden then; working for Nvidia GPUs since 5.0.0.
  podman('podman 3.3.0', 'gpus'),
  // Deprecated (4.0.0) with the OCI runtime spec's kernel memory limit, still accepted.
  podman(HIDDEN, 'kernel-memory'),
  podman(HIDDEN, 'signature-policy'),
];

/** Global `podman` options (before the subcommand) missing from the 4.3.1 table. */
export const PODMAN5_GLOBAL_FLAGS: readonly DocumentedFlag[] = [
  // Transient storage mode shipped in 4.4.0 (with its systemd cleanup unit).
  podman('podman 4.4.0', 'transient-store', false),
  podman('podman 4.6.0', 'imagestore'),
  podman('podman 4.6.0', 'out'),
  podman('podman 4.7.0', 'module'),
  // docker's `--config`: a hidden no-op since 4.3.0, a directory with the auth file since 5.0.0.
  podman('podman 5.0.0', 'config'),
  podman('podman 5.5.0', 'cdi-spec-dir'),
  // Docker-compatibility no-ops and developer options podman accepts but does not list.
  podman(HIDDEN, 'context'),
  podman(HIDDEN, 'host', true, 'H'),
  podman(HIDDEN, 'debug', false, 'D'),
  podman(HIDDEN, 'db-backend'),
  podman(HIDDEN, 'cpu-profile'),
  podman(HIDDEN, 'memory-profile'),
  podman(HIDDEN, 'default-mounts-file'),
  podman(HIDDEN, 'max-workers'),
  podman(HIDDEN, 'network-backend'),
  podman(HIDDEN, 'pull-option'),
  podman(HIDDEN, 'registries-conf'),
  podman(HIDDEN, 'trace', false),
];
