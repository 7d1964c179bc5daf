/**
 * Flags that podman and docker accept but leave out of `--help` (deprecated or
 * hidden aliases). Kept by hand beside the generated table, so a regenerated table
 * does not lose them.
 */
import type { RunFlag } from './flag-table.js';

export const HIDDEN_RUN_FLAGS: readonly RunFlag[] = [
  // `--net` is the old name of `--network` in both tools.
  { long: 'net', takesValue: true, tools: ['docker', 'podman'] },
  { long: 'net-alias', takesValue: true, tools: ['docker', 'podman'] },
];
