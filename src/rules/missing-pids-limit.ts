/**
 * missing-pids-limit: a fork bomb in a container without a process-count limit
 * exhausts the host's process table, and then nothing on the host can start.
 */
import { defineRule } from './rule.js';
import { reportMissingLimits } from './support/resource-limits.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'missing-pids-limit',
  title: 'No process-count limit',
  severity: 'low',
  inputs: ['CMP', 'RUN', 'QL'],
  rationale:
    'Process IDs are a host-wide resource. Without a pids limit, a fork bomb or a runaway worker pool in one container can use them all, so that no process on the host (an SSH login included) can start.',
  remedy: 'Set a process-count limit a little above what the workload needs (`--pids-limit 200`, Compose `pids_limit`, Quadlet `PidsLimit=`).',
  references: [
    { title: 'CIS Docker Benchmark 5.28: Ensure that the PIDs cgroup limit is used' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Resource policies' },
  ],
  messages: {
    missing: '{{subject}} has no process-count limit: set {{setting}}.',
    unlimited: '{{subject}} sets the process-count limit to "{{value}}", which means no limit: set {{setting}} to a real number.',
  },
  fix: {
    automatic: true,
    effect: "Sets a process limit (`--pids-limit`, default 100): `pids_limit` (CMP), `--pids-limit=` (RUN), `PidsLimit=` (QL).",
    risk: "a program that forks many workers or threads (each thread counts) fails to start new ones above the limit; raise it to what the workload needs.",
  },
  check(ctx) {
    reportMissingLimits(ctx, (c) => c.pidsLimit, { resource: 'pids', setting: (c) => spell('pidsLimit', c.input) });
  },
});
