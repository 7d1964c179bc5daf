/**
 * The rule catalogue: every rule, one file each, named after its id.
 * Keep the list sorted by id; `seaworthy rules` and docs/rules.md come from it.
 */
import type { RuleDefinition } from './rule.js';
import hostNetwork from './host-network.js';
import metadataApiReachable from './metadata-api-reachable.js';
import missingCpuLimit from './missing-cpu-limit.js';
import missingDefaultDenyPolicy from './missing-default-deny-policy.js';
import missingMemoryLimit from './missing-memory-limit.js';
import missingPidsLimit from './missing-pids-limit.js';
import namespaceWithoutPodSecurity from './namespace-without-pod-security.js';
import networkPolicyAllowsAll from './network-policy-allows-all.js';
import noSandboxRuntime from './no-sandbox-runtime.js';
import packageManagerInImage from './package-manager-in-image.js';
import podSecurityBaseline from './pod-security-baseline.js';
import podSecurityRestricted from './pod-security-restricted.js';
import portExposedAllInterfaces from './port-exposed-all-interfaces.js';
import privilegedContainer from './privileged-container.js';
import seccompUnconfined from './seccomp-unconfined.js';
import secretFileInImage from './secret-file-in-image.js';
import secretInBuildArg from './secret-in-build-arg.js';
import selinuxDisabled from './selinux-disabled.js';
import sensitiveHostMount from './sensitive-host-mount.js';
import serviceAccountTokenMounted from './service-account-token-mounted.js';
import setuidBinary from './setuid-binary.js';
import shellInImage from './shell-in-image.js';
import tmpfsUnhardened from './tmpfs-unhardened.js';
import workloadNotIsolated from './workload-not-isolated.js';
import writableHostMount from './writable-host-mount.js';
import writableRootFs from './writable-root-fs.js';

export const rules: readonly RuleDefinition[] = [
  hostNetwork,
  metadataApiReachable,
  missingCpuLimit,
  missingDefaultDenyPolicy,
  missingMemoryLimit,
  missingPidsLimit,
  namespaceWithoutPodSecurity,
  networkPolicyAllowsAll,
  noSandboxRuntime,
  packageManagerInImage,
  podSecurityBaseline,
  podSecurityRestricted,
  portExposedAllInterfaces,
  privilegedContainer,
  seccompUnconfined,
  secretFileInImage,
  secretInBuildArg,
  selinuxDisabled,
  sensitiveHostMount,
  serviceAccountTokenMounted,
  setuidBinary,
  shellInImage,
  tmpfsUnhardened,
  workloadNotIsolated,
  writableHostMount,
  writableRootFs,
];
