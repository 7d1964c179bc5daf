/**
 * The rule catalogue: every rule, one file each, named after its id.
 * Keep the list sorted by id; `seaworthy rules` and docs/rules.md come from it.
 */
import type { RuleDefinition } from './rule.js';
import capabilitiesNotDropped from './capabilities-not-dropped.js';
import dangerousCapability from './dangerous-capability.js';
import hostNamespaces from './host-namespaces.js';
import hostNetwork from './host-network.js';
import imageNotPinned from './image-not-pinned.js';
import imageNotSigned from './image-not-signed.js';
import imagePullPolicyNotAlways from './image-pull-policy-not-always.js';
import metadataApiReachable from './metadata-api-reachable.js';
import missingCpuLimit from './missing-cpu-limit.js';
import missingDefaultDenyPolicy from './missing-default-deny-policy.js';
import missingMemoryLimit from './missing-memory-limit.js';
import missingMtls from './missing-mtls.js';
import missingPidsLimit from './missing-pids-limit.js';
import namespaceWithoutPodSecurity from './namespace-without-pod-security.js';
import networkPolicyAllowsAll from './network-policy-allows-all.js';
import noSandboxRuntime from './no-sandbox-runtime.js';
import packageManagerInImage from './package-manager-in-image.js';
import podSecurityBaseline from './pod-security-baseline.js';
import podSecurityRestricted from './pod-security-restricted.js';
import portExposedAllInterfaces from './port-exposed-all-interfaces.js';
import privilegeEscalationAllowed from './privilege-escalation-allowed.js';
import privilegedContainer from './privileged-container.js';
import privilegedPort from './privileged-port.js';
import rbacSecretsRead from './rbac-secrets-read.js';
import rbacWildcard from './rbac-wildcard.js';
import recommendedPackagesInstalled from './recommended-packages-installed.js';
import remoteCodeInBuild from './remote-code-in-build.js';
import runAsRoot from './run-as-root.js';
import seccompUnconfined from './seccomp-unconfined.js';
import secretEnvReference from './secret-env-reference.js';
import secretFileInImage from './secret-file-in-image.js';
import secretInBuildArg from './secret-in-build-arg.js';
import secretInEnv from './secret-in-env.js';
import selinuxDisabled from './selinux-disabled.js';
import sensitiveHostMount from './sensitive-host-mount.js';
import serviceAccountTokenMounted from './service-account-token-mounted.js';
import setuidBinary from './setuid-binary.js';
import shellInImage from './shell-in-image.js';
import singleStageBuild from './single-stage-build.js';
import staleBaseImage from './stale-base-image.js';
import tmpfsUnhardened from './tmpfs-unhardened.js';
import unofficialBaseImage from './unofficial-base-image.js';
import untrustedRegistry from './untrusted-registry.js';
import userNotNumeric from './user-not-numeric.js';
import vulnerablePackage from './vulnerable-package.js';
import workloadNotIsolated from './workload-not-isolated.js';
import writableHostMount from './writable-host-mount.js';
import writableRootFs from './writable-root-fs.js';

export const rules: readonly RuleDefinition[] = [
  capabilitiesNotDropped,
  dangerousCapability,
  hostNamespaces,
  hostNetwork,
  imageNotPinned,
  imageNotSigned,
  imagePullPolicyNotAlways,
  metadataApiReachable,
  missingCpuLimit,
  missingDefaultDenyPolicy,
  missingMemoryLimit,
  missingMtls,
  missingPidsLimit,
  namespaceWithoutPodSecurity,
  networkPolicyAllowsAll,
  noSandboxRuntime,
  packageManagerInImage,
  podSecurityBaseline,
  podSecurityRestricted,
  portExposedAllInterfaces,
  privilegeEscalationAllowed,
  privilegedContainer,
  privilegedPort,
  rbacSecretsRead,
  rbacWildcard,
  recommendedPackagesInstalled,
  remoteCodeInBuild,
  runAsRoot,
  seccompUnconfined,
  secretEnvReference,
  secretFileInImage,
  secretInBuildArg,
  secretInEnv,
  selinuxDisabled,
  sensitiveHostMount,
  serviceAccountTokenMounted,
  setuidBinary,
  shellInImage,
  singleStageBuild,
  staleBaseImage,
  tmpfsUnhardened,
  unofficialBaseImage,
  untrustedRegistry,
  userNotNumeric,
  vulnerablePackage,
  workloadNotIsolated,
  writableHostMount,
  writableRootFs,
];
