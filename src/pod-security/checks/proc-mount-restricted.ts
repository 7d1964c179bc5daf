/**
 * `procMount_restricted` (restricted, v1.35+): the restricted level keeps requiring
 * the default /proc masks even in a user namespace, so the v1.35 baseline
 * relaxation does not weaken it. It replaces `procMount` at this level.
 */
import { requireDefaultProcMount } from './proc-mount-shared.js';
import type { PodSecurityCheck } from '../types.js';

/** The `procMount_restricted` check. */
export const procMountRestricted: PodSecurityCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  title: '/proc mount type, also in user namespaces',
  versions: [{ since: 35, check: requireDefaultProcMount, supersedes: ['procMount'] }],
};
