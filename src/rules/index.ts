/**
 * The rule catalogue: every rule, one file each, named after its id.
 * Keep the list sorted by id; `seaworthy rules` and docs/rules.md come from it.
 */
import type { RuleDefinition } from './rule.js';
import capabilitiesNotDropped from './capabilities-not-dropped.js';
import dangerousCapability from './dangerous-capability.js';
import hostNamespaces from './host-namespaces.js';
import imageNotPinned from './image-not-pinned.js';
import imagePullPolicyNotAlways from './image-pull-policy-not-always.js';
import podSecurityBaseline from './pod-security-baseline.js';
import podSecurityRestricted from './pod-security-restricted.js';
import privilegeEscalationAllowed from './privilege-escalation-allowed.js';
import privilegedContainer from './privileged-container.js';
import privilegedPort from './privileged-port.js';
import remoteCodeInBuild from './remote-code-in-build.js';
import runAsRoot from './run-as-root.js';
import secretEnvReference from './secret-env-reference.js';
import secretFileInImage from './secret-file-in-image.js';
import secretInBuildArg from './secret-in-build-arg.js';
import secretInEnv from './secret-in-env.js';
import singleStageBuild from './single-stage-build.js';
import unofficialBaseImage from './unofficial-base-image.js';
import untrustedRegistry from './untrusted-registry.js';
import userNotNumeric from './user-not-numeric.js';

export const rules: readonly RuleDefinition[] = [
  capabilitiesNotDropped,
  dangerousCapability,
  hostNamespaces,
  imageNotPinned,
  imagePullPolicyNotAlways,
  podSecurityBaseline,
  podSecurityRestricted,
  privilegeEscalationAllowed,
  privilegedContainer,
  privilegedPort,
  remoteCodeInBuild,
  runAsRoot,
  secretEnvReference,
  secretFileInImage,
  secretInBuildArg,
  secretInEnv,
  singleStageBuild,
  unofficialBaseImage,
  untrustedRegistry,
  userNotNumeric,
];
