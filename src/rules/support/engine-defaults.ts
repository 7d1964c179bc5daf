/**
 * Defaults that differ between container engines, in one table with the version
 * and the place in each engine's source or documentation they were read from.
 * Rules judge what a container really gets, so a setting the engine adds by
 * itself is never reported as missing, and one that only some engine adds is
 * reported with the engine named.
 */

export type Engine = 'docker' | 'podman';

export interface EngineDefault {
  /** What the engine does by default. */
  value: readonly string[];
  /** Engine version the fact was read for. */
  version: string;
  /** Where it is written (source file and function, or the manual page). */
  source: string;
}

export interface DefaultRow {
  setting: string;
  docker: EngineDefault;
  podman: EngineDefault;
}

/**
 * The table. `tmpfs options` are the options every tmpfs mount starts with before
 * the user's own are merged in (a user's `exec` still wins).
 */
export const ENGINE_DEFAULTS = {
  tmpfsOptions: {
    setting: 'tmpfs mount options (`--tmpfs`, `--mount type=tmpfs`, Compose `tmpfs`, Quadlet `Tmpfs=`)',
    docker: {
      value: ['noexec', 'nosuid', 'nodev'],
      version: 'Docker Engine 20.10–28',
      source: 'moby daemon/oci_linux.go WithMounts: every tmpfs starts with noexec,nosuid,nodev and the user\'s options are merged over them (mount.MergeTmpfsOptions)',
    },
    podman: {
      value: ['nosuid', 'nodev'],
      version: 'Podman 4–5',
      source: 'containers/podman pkg/specgenutil/volumes.go getTmpfsMounts passes only the user\'s options, then pkg/util/mount_opts.go ProcessOptions adds nosuid,nodev (getDefaultMountOptions for a tmpfs: noexec false) unless the user wrote suid/dev; the man page\'s "rw,noexec,nosuid,nodev" is not what the code does',
    },
  },
  pidsLimit: {
    setting: 'process-count limit',
    docker: { value: [], version: 'Docker Engine 20.10–28', source: 'docker run reference (--pids-limit): unlimited unless set' },
    podman: { value: ['2048'], version: 'Podman 4–5', source: 'containers.conf(5) pids_limit: 2048 by default' },
  },
  capabilities: {
    setting: 'default capability set',
    docker: {
      value: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'],
      version: 'Docker Engine 20.10–28',
      source: 'moby oci/caps/defaults.go DefaultCapabilities',
    },
    podman: {
      value: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'],
      version: 'Podman 4–5',
      source: 'containers.conf(5) default_capabilities',
    },
  },
  unprivilegedPortStart: {
    setting: 'first port a non-root process may bind (`net.ipv4.ip_unprivileged_port_start`) in the container\'s own network namespace',
    docker: {
      value: ['0'],
      version: 'Docker Engine 20.10–28',
      source: 'moby daemon/oci_linux.go WithSysctls: a container with a private network namespace gets net.ipv4.ip_unprivileged_port_start=0, so any user binds any port (not with --network host)',
    },
    podman: {
      value: ['1024'],
      version: 'Podman 4–5',
      source: 'the kernel\'s default for a new network namespace: containers.conf(5) default_sysctls, empty by default, does not set it',
    },
  },
} as const satisfies Record<string, DefaultRow>;

/**
 * What an engine adds by default for a setting; for an unknown engine (a Compose
 * file can run under Docker Compose or podman-compose) only what every engine adds.
 *
 * @example
 * engineDefault('tmpfsOptions', 'docker'); // ['noexec', 'nosuid', 'nodev']
 * engineDefault('tmpfsOptions', undefined); // ['nosuid', 'nodev']
 */
export function engineDefault(setting: keyof typeof ENGINE_DEFAULTS, engine: Engine | undefined): readonly string[] {
  const row: DefaultRow = ENGINE_DEFAULTS[setting];
  if (engine) return row[engine].value;
  return row.docker.value.filter((v) => row.podman.value.includes(v));
}

/** The engines that add `value` by default for a setting. */
export function enginesAdding(setting: keyof typeof ENGINE_DEFAULTS, value: string): Engine[] {
  const row: DefaultRow = ENGINE_DEFAULTS[setting];
  return (['docker', 'podman'] as const).filter((e) => row[e].value.includes(value));
}

/** The table as Markdown, for rule details (docs/rules.md, `seaworthy rules`). */
export function defaultsTable(settings: readonly (keyof typeof ENGINE_DEFAULTS)[]): string {
  const lines = ['| setting | Docker | Podman |', '|---|---|---|'];
  for (const key of settings) {
    const row: DefaultRow = ENGINE_DEFAULTS[key];
    const cell = (d: EngineDefault): string => `${d.value.length ? d.value.map((v) => `\`${v}\``).join(', ') : 'none'} (${d.version}; ${d.source})`;
    lines.push(`| ${row.setting} | ${cell(row.docker)} | ${cell(row.podman)} |`);
  }
  return lines.join('\n');
}
