/**
 * The safe defaults for a Kubernetes pod spec, as edit operations. One table serves
 * `seaworthy fix` (for the findings it fixes) and the admission webhook's
 * `/mutate` (as a JSONPatch): change a default here and both follow.
 *
 * Every default only fills in what the pod leaves unset (see edit-operation.ts), so
 * an explicit choice — `allowPrivilegeEscalation: true`, `runAsUser: 0`,
 * `imagePullPolicy: IfNotPresent` — survives and stays a finding for a person.
 */
import type { EditOperation, JsonValue, OperationDraft } from './edit-operation.js';
import { formatPointer, isPlainObject } from './json-pointer.js';
import { knownImageUser, type NumericUser } from './image-user.js';

/** Values the defaults use; each has a default of its own. */
export interface PodDefaultsOptions {
  /** UID (and GID) given to a pod that sets none; default 10001. */
  uid?: number;
  gid?: number;
  /** Limits for containers without one (`500m`, `256Mi`); none are set when absent. */
  cpuLimit?: string;
  memoryLimit?: string;
  /**
   * With a read-only root, give each container a memory-backed `/tmp` (an
   * `emptyDir` named `tmp`) — common images write there. Opt-in: it adds a volume.
   */
  tmpVolume?: boolean;
  /** `sizeLimit` for memory-backed emptyDirs that have none, and for the `/tmp` volume; default 64Mi. */
  tmpfsSize?: string;
  /** Host address for `hostPort`s without `hostIP`; none is set when absent (binding is a decision). */
  bindAddress?: string;
}

export const DEFAULT_FIX_UID = 10001;
export const DEFAULT_TMPFS_SIZE = '64Mi';

/** Where in a pod spec a default applies. */
type Scope = 'pod' | 'container' | 'memory-volume' | 'host-port';

/** One safe default: the rule it answers, its operations, and what it does and risks. */
export interface PodSpecDefault {
  rule: string;
  scope: Scope;
  /** Operations relative to the scope's object (the pod spec, a container, a volume, a port). */
  operations(options: PodDefaultsOptions, podSpec: Record<string, unknown>): OperationDraft[];
  /**
   * For a pod-scope default: the same effect for one container, used when only some
   * of a pod's containers may be changed (a finding on another is suppressed).
   */
  perContainer?(options: PodDefaultsOptions, container: Record<string, unknown>): OperationDraft[];
  /** Whether the default applies to this pod at all (beyond "unset"). */
  applies?(podSpec: Record<string, unknown>, options: PodDefaultsOptions): boolean;
  /** For a container-scope default: whether it applies to this container. */
  appliesToContainer?(container: Record<string, unknown>): boolean;
}

const set = (path: (string | number)[], value: JsonValue) => ({ op: 'set' as const, path: formatPointer(path), value });

/**
 * The table. Order is the order edits are made in (and the order new keys appear
 * when several land in one mapping).
 */
export const POD_SPEC_DEFAULTS: readonly PodSpecDefault[] = [
  {
    rule: 'service-account-token-mounted',
    scope: 'pod',
    operations: () => [set(['automountServiceAccountToken'], false)],
  },
  {
    rule: 'run-as-root',
    scope: 'pod',
    // A container that asks for root explicitly would be refused by the kubelet
    // under a pod-wide runAsNonRoot: leave such a pod to a person.
    applies: (pod) => !containersOf(pod).some(({ container }) => explicitRoot(container)) && !explicitRoot(pod),
    // The images' own numeric user where every container's image is known to have the
    // same one (image-user.ts), else the configured UID.
    operations: (options, podSpec) => {
      const user = podImageUser(podSpec);
      return [
        set(['securityContext', 'runAsNonRoot'], true),
        set(['securityContext', 'runAsUser'], user?.uid ?? options.uid ?? DEFAULT_FIX_UID),
        set(['securityContext', 'runAsGroup'], user?.gid ?? (user ? user.uid : undefined) ?? options.gid ?? options.uid ?? DEFAULT_FIX_UID),
      ];
    },
    perContainer: (options, container) => [
      set(['securityContext', 'runAsNonRoot'], true),
      set(['securityContext', 'runAsUser'], knownImageUser(imageOfContainer(container))?.uid ?? options.uid ?? DEFAULT_FIX_UID),
    ],
  },
  {
    rule: 'seccomp-unconfined',
    scope: 'pod',
    operations: () => [set(['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault')],
    perContainer: () => [set(['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault')],
  },
  {
    rule: 'image-pull-policy-not-always',
    scope: 'container',
    operations: () => [set(['imagePullPolicy'], 'Always')],
  },
  {
    rule: 'privilege-escalation-allowed',
    scope: 'container',
    // The API server refuses allowPrivilegeEscalation: false beside privileged: true or an
    // added SYS_ADMIN (pod validation): such a container is a person's decision.
    appliesToContainer: (container) => !mayNotForbidEscalation(container),
    operations: () => [set(['securityContext', 'allowPrivilegeEscalation'], false)],
  },
  {
    rule: 'capabilities-not-dropped',
    scope: 'container',
    operations: () => [{ op: 'add-to-list', path: formatPointer(['securityContext', 'capabilities', 'drop']), value: 'ALL', ignoreCase: true }],
  },
  {
    rule: 'writable-root-fs',
    scope: 'container',
    operations: (options, podSpec) => [
      set(['securityContext', 'readOnlyRootFilesystem'], true),
      ...(options.tmpVolume && tmpVolumeUsable(podSpec)
        ? [{ op: 'add-to-list' as const, path: '/volumeMounts', value: { name: 'tmp', mountPath: '/tmp' }, identity: ['mountPath'] }]
        : []),
    ],
  },
  {
    rule: 'writable-root-fs',
    scope: 'pod',
    applies: (pod, options) => options.tmpVolume === true && tmpVolumeUsable(pod),
    operations: (options) => [
      {
        op: 'add-to-list',
        path: '/volumes',
        value: { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: options.tmpfsSize ?? DEFAULT_TMPFS_SIZE } },
        identity: ['name'],
      },
    ],
  },
  {
    rule: 'missing-cpu-limit',
    scope: 'container',
    operations: (options) => (options.cpuLimit ? [set(['resources', 'limits', 'cpu'], options.cpuLimit)] : []),
  },
  {
    rule: 'missing-memory-limit',
    scope: 'container',
    operations: (options) => (options.memoryLimit ? [set(['resources', 'limits', 'memory'], options.memoryLimit)] : []),
  },
  {
    rule: 'tmpfs-unhardened',
    scope: 'memory-volume',
    operations: (options) => [set(['emptyDir', 'sizeLimit'], options.tmpfsSize ?? DEFAULT_TMPFS_SIZE)],
  },
  {
    rule: 'port-exposed-all-interfaces',
    scope: 'host-port',
    operations: (options) => (options.bindAddress ? [set(['hostIP'], options.bindAddress)] : []),
  },
];

/** Container lists of a pod spec, with their pointers. Ephemeral containers are added by a subresource, never by a fix. */
export function containersOf(podSpec: Record<string, unknown>): { pointer: string; container: Record<string, unknown> }[] {
  const found: { pointer: string; container: Record<string, unknown> }[] = [];
  for (const list of ['initContainers', 'containers']) {
    const items = podSpec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (isPlainObject(container)) found.push({ pointer: formatPointer([list, index]), container });
    });
  }
  return found;
}

/** A volume named `tmp` that is not an emptyDir is someone else's: then no `/tmp` volume is added. */
function tmpVolumeUsable(podSpec: Record<string, unknown>): boolean {
  const volumes = Array.isArray(podSpec['volumes']) ? podSpec['volumes'] : [];
  return volumes.every((volume) => !isPlainObject(volume) || volume['name'] !== 'tmp' || isPlainObject(volume['emptyDir']));
}

function explicitRoot(holder: Record<string, unknown>): boolean {
  const sc = holder['securityContext'];
  if (!isPlainObject(sc)) return false;
  return sc['runAsUser'] === 0 || sc['runAsNonRoot'] === false;
}

export interface PodSpecOperationsRequest {
  options?: PodDefaultsOptions;
  /** Only these rules' defaults; all when absent. */
  rules?: ReadonlySet<string>;
  /**
   * Per rule, containers (by name; `''` for the pod itself) whose findings must not
   * be fixed (they are suppressed): a pod-scope default then falls back to its
   * per-container form for the other containers, or is left out.
   */
  keep?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The safe defaults for one pod spec as operations with pointers relative to the
 * pod spec. Prefix them with the pod spec's own pointer (`/spec`,
 * `/spec/template/spec`…) for a whole object, or hand them to `toJsonPatch`.
 *
 * @example
 * const ops = podSpecOperations(pod.spec, { rules: new Set(['privilege-escalation-allowed']) });
 * // [{ op: 'set', path: '/containers/0/securityContext/allowPrivilegeEscalation', value: false, … }]
 */
export function podSpecOperations(podSpec: Record<string, unknown>, request: PodSpecOperationsRequest = {}): EditOperation[] {
  const options = request.options ?? {};
  const out: EditOperation[] = [];
  const containers = containersOf(podSpec);
  const named = (container: Record<string, unknown>) => (typeof container['name'] === 'string' ? container['name'] : '');
  const wanted = (rule: string, name: string) => !request.keep?.get(rule)?.has(name);
  const push = (rule: string, base: string, ops: OperationDraft[], container?: string) => {
    for (const op of ops) out.push({ ...op, path: base + op.path, rule, ...(container !== undefined ? { container } : {}) } as EditOperation);
  };
  for (const def of POD_SPEC_DEFAULTS) {
    if (request.rules && !request.rules.has(def.rule)) continue;
    if (def.applies && !def.applies(podSpec, options)) continue;
    if (def.scope === 'pod') {
      const blocked = !wanted(def.rule, '') || containers.some(({ container }) => !wanted(def.rule, named(container)));
      if (!blocked) push(def.rule, '', def.operations(options, podSpec));
      else if (def.perContainer && wanted(def.rule, '')) {
        for (const { pointer, container } of containers) {
          if (wanted(def.rule, named(container))) push(def.rule, pointer, def.perContainer(options, container), named(container));
        }
      }
    } else if (def.scope === 'container') {
      for (const { pointer, container } of containers) {
        if (wanted(def.rule, named(container)) && (def.appliesToContainer?.(container) ?? true)) push(def.rule, pointer, def.operations(options, podSpec), named(container));
      }
    } else if (def.scope === 'memory-volume') {
      const volumes = Array.isArray(podSpec['volumes']) ? podSpec['volumes'] : [];
      volumes.forEach((volume, index) => {
        const emptyDir = isPlainObject(volume) ? volume['emptyDir'] : undefined;
        if (isPlainObject(emptyDir) && emptyDir['medium'] === 'Memory' && wanted(def.rule, '')) push(def.rule, formatPointer(['volumes', index]), def.operations(options, podSpec));
      });
    } else {
      for (const { pointer, container } of containers) {
        if (!wanted(def.rule, named(container))) continue;
        const ports = Array.isArray(container['ports']) ? container['ports'] : [];
        ports.forEach((port, index) => {
          if (isPlainObject(port) && port['hostPort'] !== undefined && port['hostPort'] !== 0)
            push(def.rule, `${pointer}/ports/${index}`, def.operations(options, podSpec), named(container));
        });
      }
    }
  }
  return out;
}

/** privileged: true or an added SYS_ADMIN, beside which Kubernetes forbids allowPrivilegeEscalation: false. */
function mayNotForbidEscalation(container: Record<string, unknown>): boolean {
  const context = container['securityContext'];
  if (!isPlainObject(context)) return false;
  if (context['privileged'] === true) return true;
  const capabilities = context['capabilities'];
  const added = isPlainObject(capabilities) && Array.isArray(capabilities['add']) ? capabilities['add'] : [];
  return added.some((c) => typeof c === 'string' && /^(CAP_)?SYS_ADMIN$/i.test(c));
}

function imageOfContainer(container: Record<string, unknown>): string | undefined {
  return typeof container['image'] === 'string' ? container['image'] : undefined;
}

/** The numeric user every container's image is known to run as, when it is one and the same. */
function podImageUser(podSpec: Record<string, unknown>): NumericUser | undefined {
  const users = containersOf(podSpec).map(({ container }) => knownImageUser(imageOfContainer(container)));
  const first = users[0];
  if (!first || users.some((u) => u?.uid !== first.uid || u?.gid !== first.gid)) return undefined;
  return first;
}
