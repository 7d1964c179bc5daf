/**
 * Builds ContainerSpecs from a pod spec. Container security settings override the
 * pod's where Kubernetes lets them (runAsUser, runAsGroup, runAsNonRoot,
 * seccompProfile, seLinuxOptions); each effective value keeps the location of the
 * field that decided it.
 */
import { emptyContainer, type ContainerSpec, type EnvVar, type Mount } from '../../model/container-spec.js';
import type { Located, Location } from '../../model/location.js';
import type { Workload } from '../../model/workload.js';
import { childOf, nodeLoc } from '../yaml/yaml-node.js';
import type { Reader } from './located-reader.js';

const CONTAINER_LISTS = [
  ['containers', 'container'],
  ['initContainers', 'init'],
  ['ephemeralContainers', 'ephemeral'],
] as const;

/** Adds one ContainerSpec per container, init container and ephemeral container. */
export function addContainers(workload: Workload, spec: Reader, podMeta: Reader | undefined): void {
  const podSecurity = spec.obj('securityContext');
  const volumes = new Map<string, Reader>();
  for (const v of spec.list('volumes')) {
    const name = v.str('name');
    if (name) volumes.set(name.value, v);
  }
  const podAnnotations = podMeta?.stringMap('annotations') ?? {};
  for (const [listKey, role] of CONTAINER_LISTS) {
    for (const c of spec.list(listKey)) {
      workload.containers.push(readContainer(workload, c, role, podSecurity, volumes, podAnnotations, podMeta));
    }
  }
}

function readContainer(
  workload: Workload,
  c: Reader,
  role: ContainerSpec['role'],
  podSecurity: Reader | undefined,
  volumes: Map<string, Reader>,
  podAnnotations: Record<string, string>,
  podMeta: Reader | undefined,
): ContainerSpec {
  const name = c.str('name');
  const loc = name?.loc ?? nodeLoc(c.node);
  const resource = { kind: workload.kind, ...(workload.namespace !== undefined && { namespace: workload.namespace }), ...(workload.name !== undefined && { name: workload.name }), ...(name && { container: name.value }) };
  const spec = emptyContainer('K8S', loc, resource, workload, role);
  if (name) spec.name = name;
  set(spec, 'image', c.str('image'));
  set(spec, 'imagePullPolicy', c.str('imagePullPolicy'));

  const sc = c.obj('securityContext');
  const runAsUser = sc?.str('runAsUser') ?? podSecurity?.str('runAsUser');
  set(spec, 'user', runAsUser);
  set(spec, 'group', sc?.str('runAsGroup') ?? podSecurity?.str('runAsGroup'));
  set(spec, 'runAsNonRoot', sc?.bool('runAsNonRoot') ?? podSecurity?.bool('runAsNonRoot'));
  set(spec, 'privileged', sc?.bool('privileged'));
  const ape = sc?.bool('allowPrivilegeEscalation');
  if (ape) spec.noNewPrivileges = { value: !ape.value, loc: ape.loc };
  set(spec, 'readOnlyRootFilesystem', sc?.bool('readOnlyRootFilesystem'));
  const caps = sc?.obj('capabilities');
  if (caps) {
    spec.capAdd = caps.strings('add').map(normaliseCapability);
    spec.capDrop = caps.strings('drop').map(normaliseCapability);
  }
  set(spec, 'seccompProfile', seccompOf(sc) ?? seccompOf(podSecurity) ?? legacySeccomp(podAnnotations, name?.value, podMeta));
  const se = sc?.obj('seLinuxOptions') ?? podSecurity?.obj('seLinuxOptions');
  if (se) {
    set(spec.seLinux, 'type', se.str('type'));
    set(spec.seLinux, 'user', se.str('user'));
    set(spec.seLinux, 'role', se.str('role'));
    set(spec.seLinux, 'level', se.str('level'));
  }

  const limits = c.obj('resources')?.obj('limits');
  set(spec, 'cpuLimit', limits?.str('cpu'));
  set(spec, 'memoryLimit', limits?.str('memory'));

  for (const p of c.list('ports')) {
    const port: ContainerSpec['ports'][number] = { loc: nodeLoc(p.node) };
    set(port, 'containerPort', p.num('containerPort'));
    set(port, 'hostPort', p.num('hostPort'));
    set(port, 'hostIP', p.str('hostIP'));
    const protocol = p.str('protocol');
    if (protocol) port.protocol = protocol.value;
    // A hostPort of 0 is Kubernetes' "not set": only a real one publishes.
    if (port.hostPort && (port.hostPort.dynamic || port.hostPort.value > 0)) port.published = true;
    spec.ports.push(port);
  }

  for (const e of c.list('env')) {
    const envName = e.str('name');
    if (!envName) continue;
    const v: EnvVar = { loc: nodeLoc(e.node), name: envName };
    set(v, 'value', e.str('value'));
    const from = e.obj('valueFrom');
    if (from) {
      const secret = from.obj('secretKeyRef');
      if (secret) v.secretRef = secret.str('name') ?? { value: '', loc: nodeLoc(secret.node) };
      else v.reference = true;
    }
    spec.env.push(v);
  }
  for (const ef of c.list('envFrom')) {
    const secret = ef.obj('secretRef');
    if (secret) spec.envFromSecrets.push(secret.str('name') ?? { value: '', loc: nodeLoc(secret.node) });
  }

  for (const vm of c.list('volumeMounts')) {
    const mount = mountOf(vm, volumes);
    if (mount) spec.mounts.push(mount);
  }
  return spec;
}

function mountOf(vm: Reader, volumes: Map<string, Reader>): Mount | undefined {
  const volName = vm.str('name');
  const volume = volName ? volumes.get(volName.value) : undefined;
  const mount: Mount = { kind: 'volume', loc: nodeLoc(vm.node) };
  set(mount, 'target', vm.str('mountPath'));
  set(mount, 'readOnly', vm.bool('readOnly'));
  if (!volume) {
    if (volName) mount.source = volName;
    return mount;
  }
  const hostPath = volume.obj('hostPath');
  const emptyDir = volume.obj('emptyDir');
  // The volume is declared once for the pod; what is wrong with it is fixed there
  // (a sizeLimit goes in the emptyDir), whichever containers mount it.
  const declared = hostPath ? sourceLoc(volume, 'hostPath') : emptyDir ? sourceLoc(volume, 'emptyDir') : undefined;
  if (declared) mount.declaredAt = declared;
  if (hostPath) {
    mount.kind = 'host';
    set(mount, 'source', hostPath.str('path'));
  } else if (emptyDir && emptyDir.str('medium')?.value === 'Memory') {
    mount.kind = 'tmpfs';
    if (volName) mount.source = volName;
    set(mount, 'sizeLimit', emptyDir.str('sizeLimit'));
    // A Kubernetes emptyDir cannot carry mount options; `undefined` says so to rules.
  } else if (volume.obj('secret') || volume.obj('projected')) {
    mount.kind = 'secret';
    if (volName) mount.source = volName;
  } else if (volName) {
    mount.source = volName;
  }
  return mount;
}

/**
 * A volume source's value (`{path: /x}` of `hostPath:`): where a `sizeLimit` goes,
 * and where the Pod Security `hostPathVolumes` check points.
 */
function sourceLoc(volume: Reader, key: string): Location | undefined {
  const node = childOf(volume.node, key);
  return node ? nodeLoc(node) : undefined;
}

function seccompOf(sc: Reader | undefined): Located<string> | undefined {
  const profile = sc?.obj('seccompProfile');
  if (!profile) return undefined;
  const type = profile.str('type');
  return type ?? { value: '', loc: nodeLoc(profile.node) };
}

/** The pre-1.19 seccomp annotations, still honoured by older clusters. */
function legacySeccomp(annotations: Record<string, string>, container: string | undefined, podMeta: Reader | undefined): Located<string> | undefined {
  const key = container !== undefined && annotations[`container.seccomp.security.alpha.kubernetes.io/${container}`] !== undefined
    ? `container.seccomp.security.alpha.kubernetes.io/${container}`
    : 'seccomp.security.alpha.kubernetes.io/pod';
  const raw = annotations[key];
  if (raw === undefined || !podMeta) return undefined;
  const loc: Location = podMeta.obj('annotations')?.str(key)?.loc ?? nodeLoc(podMeta.node);
  const value = raw === 'runtime/default' || raw === 'docker/default' ? 'RuntimeDefault' : raw === 'unconfined' ? 'Unconfined' : raw.startsWith('localhost/') ? 'Localhost' : raw;
  return { value, loc };
}

/** `cap_net_raw` and `NET_RAW` are the same capability. */
export function normaliseCapability(cap: Located<string>): Located<string> {
  return { ...cap, value: cap.value.toUpperCase().replace(/^CAP_/, '') };
}

/** Assigns an optional value only when present, keeping "not set" as a missing key. */
function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
