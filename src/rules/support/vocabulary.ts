/**
 * How each input spells a setting, so a rule written once can still tell the user
 * exactly what to write in the file they have open.
 */
import type { InputKind } from '../../model/input-kind.js';

export type Setting =
  | 'readOnlyRootFilesystem'
  | 'noNewPrivileges'
  | 'privileged'
  | 'dropAll'
  | 'addCapability'
  | 'user'
  | 'cpuLimit'
  | 'memoryLimit'
  | 'pidsLimit'
  | 'hostNetwork'
  | 'hostPID'
  | 'hostIPC'
  | 'hostUTS'
  | 'seccomp'
  | 'selinuxDisable'
  | 'runtime'
  | 'readOnlyMount'
  | 'secretFile'
  | 'tmpfsMount'
  | 'publishLoopback'
  | 'seccompUnconfined';

const SPELLING: Record<Setting, Partial<Record<InputKind, string>>> = {
  readOnlyRootFilesystem: { K8S: 'securityContext.readOnlyRootFilesystem: true', CMP: 'read_only: true', RUN: '--read-only', QL: 'ReadOnly=true' },
  noNewPrivileges: { K8S: 'securityContext.allowPrivilegeEscalation: false', CMP: 'security_opt: [no-new-privileges:true]', RUN: '--security-opt no-new-privileges', QL: 'NoNewPrivileges=true' },
  privileged: { K8S: 'securityContext.privileged', CMP: 'privileged', RUN: '--privileged', QL: 'PodmanArgs=--privileged' },
  dropAll: { K8S: 'securityContext.capabilities.drop: [ALL]', CMP: 'cap_drop: [ALL]', RUN: '--cap-drop=all', QL: 'DropCapability=all' },
  addCapability: { K8S: 'securityContext.capabilities.add', CMP: 'cap_add', RUN: '--cap-add', QL: 'AddCapability=' },
  user: { DF: 'USER 10001:10001', K8S: 'securityContext.runAsNonRoot: true and runAsUser: 10001', CMP: 'user: "10001:10001"', RUN: '--user 10001:10001', QL: 'User=10001', IMG: 'a numeric non-root USER in the Containerfile' },
  cpuLimit: { K8S: 'resources.limits.cpu', CMP: 'cpus (or deploy.resources.limits.cpus)', RUN: '--cpus', QL: 'PodmanArgs=--cpus=…' },
  memoryLimit: { K8S: 'resources.limits.memory', CMP: 'mem_limit (or deploy.resources.limits.memory)', RUN: '--memory', QL: 'Memory=' },
  pidsLimit: { CMP: 'pids_limit', RUN: '--pids-limit', QL: 'PidsLimit=' },
  hostNetwork: { K8S: 'hostNetwork: true', CMP: 'network_mode: host', RUN: '--network host', QL: 'Network=host' },
  hostPID: { K8S: 'hostPID: true', CMP: 'pid: host', RUN: '--pid=host', QL: 'PodmanArgs=--pid=host' },
  hostIPC: { K8S: 'hostIPC: true', CMP: 'ipc: host', RUN: '--ipc=host', QL: 'PodmanArgs=--ipc=host' },
  hostUTS: { K8S: 'hostUsers/UTS', CMP: 'uts: host', RUN: '--uts=host', QL: 'PodmanArgs=--uts=host' },
  seccomp: { K8S: 'securityContext.seccompProfile.type: RuntimeDefault', CMP: 'security_opt: [seccomp:…]', RUN: '--security-opt seccomp=…', QL: 'SeccompProfile=' },
  tmpfsMount: { K8S: 'emptyDir: {medium: Memory, sizeLimit: 64Mi}', CMP: 'tmpfs: ["/tmp:nosuid,nodev,noexec,size=64m"]', RUN: '--tmpfs /tmp:nosuid,nodev,noexec,size=64m', QL: 'Tmpfs=/tmp:nosuid,nodev,noexec,size=64m' },
  publishLoopback: { K8S: 'hostIP: 127.0.0.1, or no hostPort behind a Service', CMP: 'ports: ["127.0.0.1:8080:8080"]', RUN: '-p 127.0.0.1:8080:8080', QL: 'PublishPort=127.0.0.1:8080:8080' },
  seccompUnconfined: { K8S: 'seccompProfile.type: Unconfined', CMP: 'security_opt: [seccomp:unconfined]', RUN: '--security-opt seccomp=unconfined', QL: 'SeccompProfile=unconfined' },
  selinuxDisable: { K8S: 'securityContext.seLinuxOptions', CMP: 'security_opt: [label:disable]', RUN: '--security-opt label=disable', QL: 'SecurityLabelDisable=true' },
  runtime: { K8S: 'runtimeClassName', CMP: 'runtime', RUN: '--runtime', QL: 'PodmanArgs=--runtime=…' },
  readOnlyMount: { K8S: 'volumeMounts[].readOnly: true', CMP: ':ro (or read_only: true)', RUN: ':ro', QL: ':ro' },
  secretFile: { K8S: 'a secret volume (tmpfs-backed) mounted as a file', CMP: 'secrets: (mounted under /run/secrets)', RUN: '--secret NAME,type=mount', QL: 'Secret=NAME,type=mount' },
};

/**
 * The spelling of `setting` for `input`, or a neutral description.
 *
 * @example
 * spell('readOnlyRootFilesystem', 'RUN'); // '--read-only'
 */
export function spell(setting: Setting, input: InputKind): string {
  return SPELLING[setting][input] ?? SPELLING[setting].K8S ?? setting;
}
