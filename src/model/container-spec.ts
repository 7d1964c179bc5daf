/**
 * The normalized container: one shape for a Kubernetes container, a Compose
 * service, a `podman run` line, a Quadlet `[Container]`, a Containerfile's final
 * stage and an image's config. `readOnlyRootFilesystem: true`, `read_only: true`,
 * `--read-only` and `ReadOnly=true` all become `readOnlyRootFilesystem`.
 *
 * "Not set" (`undefined`) and "set to the default" (a value) are kept apart.
 */
import type { InputKind } from './input-kind.js';
import type { Located, Location } from './location.js';
import type { ResourceRef } from './resource.js';
import type { Workload } from './workload.js';

export interface ContainerSpec {
  input: InputKind;
  /** Where the container is declared; findings about absent settings borrow it. */
  loc: Location;
  resource: ResourceRef;
  /** Init and ephemeral containers are containers too. */
  role: 'container' | 'init' | 'ephemeral';
  /** The workload this container belongs to (pod template, service, run line…). */
  workload: Workload;

  name?: Located<string>;
  image?: Located<string>;
  /** As written; see `effectiveImagePullPolicy` for Kubernetes' default. */
  imagePullPolicy?: Located<string>;

  /** Effective user as written (`1000`, `root`, `app:app`); K8S: runAsUser, container over pod. */
  user?: Located<string>;
  group?: Located<string>;
  /** K8S only: effective runAsNonRoot. */
  runAsNonRoot?: Located<boolean>;

  privileged?: Located<boolean>;
  /** true = no-new-privileges on (K8S allowPrivilegeEscalation: false). */
  noNewPrivileges?: Located<boolean>;
  /** Capability names, upper case, without `CAP_`. */
  capAdd: Located<string>[];
  capDrop: Located<string>[];
  readOnlyRootFilesystem?: Located<boolean>;

  mounts: Mount[];
  ports: PortSpec[];
  env: EnvVar[];
  /** Whole secret objects handed over as environment (`envFrom.secretRef`, `--secret …,type=env`). */
  envFromSecrets: Located<string>[];

  cpuLimit?: Located<string>;
  memoryLimit?: Located<string>;
  pidsLimit?: Located<string>;

  /** Effective seccomp profile: `RuntimeDefault`, `Localhost`, `Unconfined`, or a profile path. */
  seccompProfile?: Located<string>;
  seLinux: SeLinuxSettings;
  /**
   * Kernel paths the engine masks by default but this container sees
   * (`--security-opt unmask=ALL`, Quadlet `Unmask=`): `ALL` or paths such as `/proc/kcore`.
   */
  unmasked?: Located<string>[];
  /** Kernel parameters set for the container (`--sysctl`, Quadlet `Sysctl=`), by name. */
  sysctls?: Record<string, Located<string>>;
}

export interface SeLinuxSettings {
  /** Label separation switched off (`label=disable`, `SecurityLabelDisable=true`). */
  disabled?: Located<boolean>;
  type?: Located<string>;
  user?: Located<string>;
  role?: Located<string>;
  level?: Located<string>;
}

/** A filesystem mounted into the container. */
export interface Mount {
  kind: 'host' | 'tmpfs' | 'volume' | 'secret' | 'other';
  /** The mount entry itself (volumeMount, `-v` flag, Compose volume item). */
  loc: Location;
  /** Host path for `host` mounts, volume name otherwise; located where the path is written. */
  source?: Located<string>;
  target?: Located<string>;
  readOnly?: Located<boolean>;
  /**
   * Mount options as written (`nosuid`, `size=64m`…). `undefined` when the input
   * cannot express them (a Kubernetes emptyDir), `[]` when it can but none are given.
   */
  options?: Located<string>[];
  /** Size limit (`size=`, emptyDir `sizeLimit`). */
  sizeLimit?: Located<string>;
  /**
   * Where the mounted volume itself is declared, when that is apart from the mount
   * entry and may be shared by several containers: a Kubernetes pod volume's source
   * (`hostPath:`, `emptyDir:`), a Compose top-level volume bound by `driver_opts`, a
   * Quadlet `.volume` unit. Findings about the volume point there, once for every
   * container that mounts it.
   */
  declaredAt?: Location;
}

export interface PortSpec {
  loc: Location;
  /**
   * Published on the host (`-p`, Compose `ports`, `PublishPort=`, Kubernetes
   * `hostPort`), as opposed to only declared (`EXPOSE`, Compose `expose`,
   * `containerPort`). A published port without `hostPort` gets a random one.
   */
  published?: boolean;
  containerPort?: Located<number>;
  hostPort?: Located<number>;
  hostIP?: Located<string>;
  protocol?: string;
}

export interface EnvVar {
  loc: Location;
  name: Located<string>;
  /** A literal value. Never print it: use `redact`. */
  value?: Located<string>;
  /** Set when the value comes from a secret store (`valueFrom.secretKeyRef`). */
  secretRef?: Located<string>;
  /** Set when the value is a reference to something else (configMap, field, another variable). */
  reference?: boolean;
}

/** An empty container to be filled in by a source. */
export function emptyContainer(
  input: InputKind,
  loc: Location,
  resource: ResourceRef,
  workload: Workload,
  role: ContainerSpec['role'] = 'container',
): ContainerSpec {
  return {
    input,
    loc,
    resource,
    role,
    workload,
    capAdd: [],
    capDrop: [],
    mounts: [],
    ports: [],
    env: [],
    envFromSecrets: [],
    seLinux: {},
  };
}
