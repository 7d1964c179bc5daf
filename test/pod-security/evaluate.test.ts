import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluatePodSecurity,
  parsePodSecurityVersion,
  podSecurityChecks,
  NEWEST_KNOWN_MINOR,
  type PodSecurityLevel,
  type PodSecurityViolation,
} from '../../src/pod-security/index.js';
import { parseYaml } from '../../src/sources/yaml/parse-yaml.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { locAt, childOf } from '../../src/sources/yaml/yaml-node.js';

type Obj = Record<string, unknown>;

function evaluate(level: PodSecurityLevel, version: string, spec: Obj, metadata: Obj = {}): PodSecurityViolation[] {
  const parsed = parsePodSecurityVersion(version);
  assert.ok(parsed, `version ${version}`);
  return evaluatePodSecurity(level, parsed, metadata, spec);
}

const ids = (violations: PodSecurityViolation[]): string[] => violations.map((v) => v.checkId);

/** A pod that restricted allows at every version, for tweaking one field at a time. */
function restrictedPod(container: Obj = {}, pod: Obj = {}): Obj {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'app', image: 'app:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, ...container }],
    ...pod,
  };
}

test('versions parse as the namespace labels write them', () => {
  assert.deepEqual(parsePodSecurityVersion('v1.29'), { major: 1, minor: 29 });
  assert.deepEqual(parsePodSecurityVersion('v1.0'), { major: 1, minor: 0 });
  assert.deepEqual(parsePodSecurityVersion('latest'), { major: 1, minor: NEWEST_KNOWN_MINOR });
  for (const bad of ['1.29', 'v1.01', 'v2.0', 'v1', 'v1.x', '', 'Latest']) assert.equal(parsePodSecurityVersion(bad), undefined, bad);
});

test('the restricted baseline pod is allowed at every version', () => {
  for (let minor = 0; minor <= NEWEST_KNOWN_MINOR + 2; minor++) {
    assert.deepEqual(evaluate('restricted', `v1.${minor}`, restrictedPod()), [], `v1.${minor}`);
  }
});

test('checks report PSA reason and detail, with paths to the offending fields', () => {
  const cases: { name: string; level: PodSecurityLevel; spec: Obj; metadata?: Obj; expect: PodSecurityViolation[] }[] = [
    {
      name: 'runAsNonRoot missing: the container is the owner',
      level: 'restricted',
      spec: restrictedPod({}, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }),
      expect: [{
        checkId: 'runAsNonRoot', reason: 'runAsNonRoot != true',
        detail: 'pod or container "app" must set securityContext.runAsNonRoot=true', paths: [['containers', 0]],
      }],
    },
    {
      name: 'runAsNonRoot false on the pod and a container: the explicit values',
      level: 'restricted',
      spec: restrictedPod(
        { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: false } },
        { securityContext: { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } } },
      ),
      expect: [{
        checkId: 'runAsNonRoot', reason: 'runAsNonRoot != true',
        detail: 'pod and container "app" must not set securityContext.runAsNonRoot=false',
        paths: [['securityContext', 'runAsNonRoot'], ['containers', 0, 'securityContext', 'runAsNonRoot']],
      }],
    },
    {
      name: 'hostPorts in an init container and a container',
      level: 'baseline',
      spec: {
        initContainers: [{ name: 'init', ports: [{ containerPort: 80, hostPort: 80 }] }],
        containers: [{ name: 'app', ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9090 }] }],
      },
      expect: [{
        checkId: 'hostPorts', reason: 'hostPort', detail: 'containers "init", "app" use hostPorts 80, 9090',
        paths: [['initContainers', 0, 'ports', 0, 'hostPort'], ['containers', 0, 'ports', 1, 'hostPort']],
      }],
    },
    {
      name: 'capabilities: drop ALL missing and a forbidden add',
      level: 'restricted',
      spec: restrictedPod({ securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } } }),
      expect: [{
        checkId: 'capabilities_restricted', reason: 'unrestricted capabilities',
        detail: 'container "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add',
        paths: [['containers', 0], ['containers', 0, 'securityContext', 'capabilities', 'add', 1]],
      }],
    },
    {
      name: 'AppArmor annotation: a path into the metadata',
      level: 'baseline',
      spec: { containers: [{ name: 'app' }] },
      metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
      expect: [{
        checkId: 'appArmorProfile', reason: 'forbidden AppArmor profile',
        // As upstream prints it: joinQuote does not escape the quotes %q put inside.
        detail: 'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined""',
        paths: [['metadata', 'annotations', 'container.apparmor.security.beta.kubernetes.io/app']],
      }],
    },
    {
      name: 'host namespaces and unsafe sysctls, in upstream order',
      level: 'baseline',
      spec: { hostPID: true, hostNetwork: true, securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced' }, { name: 'kernel.msgmax' }] }, containers: [{ name: 'app' }] },
      expect: [
        { checkId: 'hostNamespaces', reason: 'host namespaces', detail: 'hostNetwork=true, hostPID=true', paths: [['hostNetwork'], ['hostPID']] },
        { checkId: 'sysctls', reason: 'forbidden sysctls', detail: 'kernel.msgmax', paths: [['securityContext', 'sysctls', 1, 'name']] },
      ],
    },
    {
      name: 'a volume without a source is an emptyDir; nfs is not allowed',
      level: 'restricted',
      spec: restrictedPod({}, { volumes: [{ name: 'scratch' }, { name: 'share', nfs: { server: 'nas', path: '/x' } }] }),
      expect: [{
        checkId: 'restrictedVolumes', reason: 'restricted volume types',
        detail: 'volume "share" uses restricted volume type "nfs"', paths: [['volumes', 1, 'nfs']],
      }],
    },
  ];
  for (const c of cases) {
    assert.deepEqual(evaluatePodSecurity(c.level, { major: 1, minor: 30 }, c.metadata ?? {}, c.spec), c.expect, c.name);
  }
});

test('policy versions: what changed where', () => {
  const cases: { name: string; level: PodSecurityLevel; spec: Obj; metadata?: Obj; allowedAt: string; deniedAt: string; by: string }[] = [
    { name: 'allowPrivilegeEscalation arrived in v1.8', level: 'restricted', spec: restrictedPod({ securityContext: { capabilities: { drop: ['ALL'] } } }), allowedAt: 'v1.7', deniedAt: 'v1.8', by: 'allowPrivilegeEscalation' },
    { name: 'seccomp fields are judged from v1.19', level: 'baseline', spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'app' }] }, allowedAt: 'v1.18', deniedAt: 'v1.19', by: 'seccompProfile_baseline' },
    { name: 'seccomp annotations are judged until v1.18', level: 'baseline', spec: { containers: [{ name: 'app' }] }, metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }, allowedAt: 'v1.19', deniedAt: 'v1.18', by: 'seccompProfile_baseline' },
    { name: 'runAsUser=0 is denied from v1.23', level: 'restricted', spec: restrictedPod({}, { securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } }), allowedAt: 'v1.22', deniedAt: 'v1.23', by: 'runAsUser' },
    { name: 'tcp_rmem became safe in v1.32', level: 'baseline', spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] }, containers: [{ name: 'app' }] }, allowedAt: 'v1.32', deniedAt: 'v1.31', by: 'sysctls' },
    { name: 'container_engine_t allowed from v1.31', level: 'baseline', spec: { containers: [{ name: 'app', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }] }, allowedAt: 'v1.31', deniedAt: 'v1.30', by: 'seLinuxOptions' },
    { name: 'probe hosts are denied from v1.34', level: 'baseline', spec: { containers: [{ name: 'app', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] }, allowedAt: 'v1.33', deniedAt: 'v1.34', by: 'hostProbesAndHostLifecycle' },
    { name: 'Unmasked /proc in a user namespace: baseline allows it from v1.35', level: 'baseline', spec: { hostUsers: false, containers: [{ name: 'app', securityContext: { procMount: 'Unmasked' } }] }, allowedAt: 'v1.35', deniedAt: 'v1.34', by: 'procMount' },
  ];
  for (const c of cases) {
    assert.deepEqual(evaluate(c.level, c.allowedAt, c.spec, c.metadata), [], `${c.name}: allowed at ${c.allowedAt}`);
    assert.deepEqual(ids(evaluate(c.level, c.deniedAt, c.spec, c.metadata)), [c.by], `${c.name}: denied at ${c.deniedAt}`);
  }
});

test('Windows pods: exempt from the Linux-only restricted checks since v1.25', () => {
  const windows = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app' }] };
  assert.deepEqual(ids(evaluate('restricted', 'v1.24', windows)), ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
  assert.deepEqual(evaluate('restricted', 'v1.25', windows), []);
});

test('a restricted check replaces the baseline check it tightens', () => {
  const adds = restrictedPod({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } } });
  assert.deepEqual(ids(evaluate('restricted', 'v1.21', adds)), ['capabilities_baseline']);
  assert.deepEqual(ids(evaluate('restricted', 'v1.22', adds)), ['capabilities_restricted']);
  assert.deepEqual(ids(evaluate('baseline', 'v1.22', adds)), ['capabilities_baseline']);

  const unmasked = restrictedPod({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' } }, { hostUsers: false });
  assert.deepEqual(ids(evaluate('restricted', 'v1.34', unmasked)), ['procMount']);
  assert.deepEqual(ids(evaluate('restricted', 'v1.35', unmasked)), ['procMount_restricted']);
});

test('user namespaces: root checks relax from v1.35, restricted /proc masking does not', () => {
  const userNamespaceRoot = restrictedPod({}, { hostUsers: false, securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } });
  assert.deepEqual(ids(evaluate('restricted', 'v1.34', userNamespaceRoot)), ['runAsNonRoot', 'runAsUser']);
  assert.deepEqual(evaluate('restricted', 'v1.35', userNamespaceRoot), [], 'UID 0 in a user namespace is not root on the node');
  const hostRoot = restrictedPod({}, { securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } });
  assert.deepEqual(ids(evaluate('restricted', 'v1.35', hostRoot)), ['runAsNonRoot', 'runAsUser']);
});

test('image volumes pass restricted at every version (upstream amended v1.0 in place)', () => {
  const spec = restrictedPod({}, { volumes: [{ name: 'models', image: { reference: 'registry.example/models:1' } }] });
  assert.deepEqual(evaluate('restricted', 'v1.0', spec), []);
  assert.deepEqual(evaluate('restricted', 'latest', spec), []);
});

test('versions newer than the evaluator knows evaluate as the newest', () => {
  const spec = { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }] }, containers: [{ name: 'app' }] };
  assert.deepEqual(ids(evaluate('baseline', 'v1.36', spec)), ['sysctls']);
  assert.deepEqual(evaluate('baseline', 'latest', spec), []);
  assert.deepEqual(evaluate('baseline', 'v1.99', spec), []);
});

test('paths locate the offending values in the YAML', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: app:1
      securityContext:
        privileged: true
    - name: sidecar
      image: sidecar:1
`;
  const doc = parseYaml(sourceFile('pod.yaml', text))[0]!;
  const pod = doc.value as { metadata: Obj; spec: Obj };
  const spec = childOf(doc.node, 'spec')!;
  const violations = evaluate('restricted', 'v1.30', pod.spec, pod.metadata);
  const lines = Object.fromEntries(violations.map((v) => [v.checkId, v.paths.map((p) => locAt(spec, p).startLine)]));
  assert.deepEqual(lines, {
    privileged: [10],
    allowPrivilegeEscalation: [7, 11],
    capabilities_restricted: [7, 11],
    runAsNonRoot: [7, 11],
    seccompProfile_restricted: [7, 11],
  });
});

test('the catalogue lists every check once, with its versions', () => {
  const byId = new Map(podSecurityChecks.map((c) => [c.id, c]));
  assert.equal(byId.size, podSecurityChecks.length);
  assert.equal(podSecurityChecks.length, 19);
  assert.deepEqual(byId.get('sysctls')?.versions, ['v1.0', 'v1.27', 'v1.29', 'v1.32', 'v1.37']);
  assert.deepEqual(byId.get('seccompProfile_restricted'), { id: 'seccompProfile_restricted', level: 'restricted', title: 'Seccomp profile required', versions: ['v1.19', 'v1.25'] });
  const newest = Math.max(...podSecurityChecks.flatMap((c) => c.versions.map((v) => Number(v.slice(3)))));
  assert.equal(newest, NEWEST_KNOWN_MINOR, 'latest is the newest version at which a check changed');
});
