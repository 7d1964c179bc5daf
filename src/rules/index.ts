/**
 * The rule catalogue: every rule, one file each, named after its id.
 * Keep the list sorted by id; `seaworthy rules` and docs/rules.md come from it.
 */
import type { RuleDefinition } from './rule.js';
import privilegedContainer from './privileged-container.js';
import sensitiveHostMount from './sensitive-host-mount.js';
import tmpfsUnhardened from './tmpfs-unhardened.js';
import writableHostMount from './writable-host-mount.js';
import writableRootFs from './writable-root-fs.js';

export const rules: readonly RuleDefinition[] = [
  privilegedContainer,
  sensitiveHostMount,
  tmpfsUnhardened,
  writableHostMount,
  writableRootFs,
];
