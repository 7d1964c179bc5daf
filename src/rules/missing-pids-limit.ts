/**
 * missing-pids-limit: a fork bomb in a container without a process-count limit
 * exhausts the host's process table, and then nothing on the host can start.
 */
import { defineRule } from './rule.js';
import { defaultsTable, engineDefault, ENGINE_DEFAULTS } from './support/engine-defaults.js';
import { isUnlimited } from './support/resource-limits.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

const PODMAN_DEFAULT = ENGINE_DEFAULTS.pidsLimit.podman.value[0];

export default defineRule({
  id: 'missing-pids-limit',
  title: 'No process-count limit',
  severity: 'low',
  inputs: ['CMP', 'RUN', 'QL'],
  rationale:
    'Process IDs are a host-wide resource. Without a pids limit, a fork bomb or a runaway worker pool in one container can use them all, so that no process on the host (an SSH login included) can start.',
  remedy: 'Set a process-count limit a little above what the workload needs (`--pids-limit 200`, Compose `pids_limit`, Quadlet `PidsLimit=`).',
  details: `What a container gets without a limit of its own depends on the engine: Docker sets none, Podman its containers.conf default; a Quadlet unit's container also lives in its service's cgroup, which systemd bounds by \`DefaultTasksMax=\` (15% of the kernel's pid limit) unless \`TasksMax=\` says otherwise. The message says which applies.\n\n${defaultsTable(['pidsLimit'])}`,
  references: [
    { title: 'CIS Docker Benchmark 5.28: Ensure that the PIDs cgroup limit is used' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Resource policies' },
    { title: 'containers.conf(5): pids_limit', url: 'https://github.com/containers/common/blob/main/docs/containers.conf.5.md' },
  ],
  messages: {
    missing: '{{subject}} has no process-count limit: set {{setting}}.',
    unlimited: '{{subject}} sets the process-count limit to "{{value}}", which means no limit: set {{setting}} to a real number.',
    podmanDefault:
      "{{subject}} sets no process-count limit of its own, so it is bounded only by Podman's default of {{default}} (containers.conf pids_limit){{systemd}}, whatever the workload needs: set {{setting}}.",
    dockerOnly:
      "{{subject}} has no process-count limit under Docker Compose (podman-compose would apply Podman's default of {{default}}): set {{setting}}.",
  },
  fix: {
    automatic: true,
    effect: "Sets a process limit (`--pids-limit`, default 100): `pids_limit` (CMP), `--pids-limit=` (RUN), `PidsLimit=` (QL).",
    risk: "a program that forks many workers or threads (each thread counts) fails to start new ones above the limit; raise it to what the workload needs.",
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const limit = c.pidsLimit;
      if (limit?.dynamic) continue;
      if (limit && !isUnlimited(limit.value)) continue;
      const setting = spell('pidsLimit', c.input);
      const subject = containerSubject(c);
      if (limit) {
        ctx.report({ messageId: 'unlimited', data: { subject, setting, value: limit.value }, loc: limit.loc, target: c });
        continue;
      }
      // Without a limit of its own the engine's default applies (engine-defaults.ts).
      const engine = c.workload.engine ?? (c.input === 'QL' ? 'podman' : undefined);
      const data = { subject, setting, default: PODMAN_DEFAULT ?? '', systemd: c.input === 'QL' ? " and, unless TasksMax= lifts it, systemd's DefaultTasksMax for the service" : '' };
      if (engine === 'podman' && engineDefault('pidsLimit', 'podman').length) ctx.report({ messageId: 'podmanDefault', data, loc: c.loc, target: c });
      else if (!engine && c.input === 'CMP') ctx.report({ messageId: 'dockerOnly', data, loc: c.loc, target: c });
      else ctx.report({ messageId: 'missing', data, loc: c.loc, target: c });
    }
  },
});
