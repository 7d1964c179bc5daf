/**
 * The rule catalogue: every rule, one file each, named after its id.
 * Keep the list sorted by id; `seaworthy rules` and docs/rules.md come from it.
 */
import type { RuleDefinition } from './rule.js';
import packageManagerInImage from './package-manager-in-image.js';
import privilegedContainer from './privileged-container.js';
import secretFileInImage from './secret-file-in-image.js';
import secretInBuildArg from './secret-in-build-arg.js';
import setuidBinary from './setuid-binary.js';
import shellInImage from './shell-in-image.js';

export const rules: readonly RuleDefinition[] = [
  packageManagerInImage,
  privilegedContainer,
  secretFileInImage,
  secretInBuildArg,
  setuidBinary,
  shellInImage,
] as readonly RuleDefinition[];
