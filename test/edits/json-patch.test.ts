import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOperations, toJsonPatch, type EditOperation } from '../../src/edits/index.js';
import { podSpecOperations } from '../../src/edits/pod-spec-defaults.js';
import { formatPointer, parsePointer } from '../../src/edits/json-pointer.js';

/** A minimal RFC 6902 `add`/`remove` applier, written from the RFC, to check the patches independently. */
function applyRfc6902(doc: unknown, patch: { op: string; path: string; value?: unknown }[]): unknown {
  const out = structuredClone(doc) as Record<string, unknown>;
  for (const p of patch) {
    const tokens = parsePointer(p.path);
    let parent: any = out;
    for (const t of tokens.slice(0, -1)) {
      parent = Array.isArray(parent) ? parent[Number(t)] : parent[t];
      assert.ok(parent !== undefined && parent !== null, `parent of ${p.path} must exist (RFC 6902 4.1)`);
    }
    const last = tokens[tokens.length - 1]!;
    if (p.op === 'add') {
      if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, p.value);
      else {
        assert.ok(!(last in parent), `add must not replace an existing member: ${p.path}`);
        parent[last] = p.value;
      }
    } else if (p.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else assert.fail(`unexpected op ${p.op}`);
  }
  return out;
}

test('pointers escape ~ and / both ways', () => {
  assert.deepEqual(parsePointer('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']);
  assert.equal(formatPointer(['a/b', 'c~d', 0]), '/a~1b/c~0d/0');
  assert.throws(() => parsePointer('a/b'), /starts with/);
});

test('a bare pod gets every safe default as one add per missing parent', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } };
  const patch = toJsonPatch(pod, podSpecOperations(pod.spec), '/spec');
  assert.deepEqual(patch, [
    { op: 'add', path: '/spec/automountServiceAccountToken', value: false },
    { op: 'add', path: '/spec/securityContext', value: { runAsNonRoot: true } },
    { op: 'add', path: '/spec/securityContext/runAsUser', value: 10001 },
    { op: 'add', path: '/spec/securityContext/runAsGroup', value: 10001 },
    { op: 'add', path: '/spec/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } },
    { op: 'add', path: '/spec/containers/0/imagePullPolicy', value: 'Always' },
    { op: 'add', path: '/spec/containers/0/securityContext', value: { allowPrivilegeEscalation: false } },
    { op: 'add', path: '/spec/containers/0/securityContext/capabilities', value: { drop: ['ALL'] } },
    { op: 'add', path: '/spec/containers/0/securityContext/readOnlyRootFilesystem', value: true },
  ]);
  const patched = applyRfc6902(pod, patch) as typeof pod;
  assert.deepEqual(patched, applyOperations(pod, podSpecOperations(pod.spec).map((op) => ({ ...op, path: '/spec' + op.path }))));
});

test('values the pod sets are never overridden, lists are appended to', () => {
  const spec = {
    automountServiceAccountToken: true,
    securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } },
    containers: [
      { name: 'a', imagePullPolicy: 'IfNotPresent', securityContext: { allowPrivilegeEscalation: true, capabilities: { drop: ['NET_RAW'] } } },
      { name: 'b', securityContext: { capabilities: { drop: ['all'] }, readOnlyRootFilesystem: false } },
    ],
  };
  const patch = toJsonPatch(spec, podSpecOperations(spec));
  const paths = patch.map((p) => p.path);
  for (const kept of ['/automountServiceAccountToken', '/securityContext/seccompProfile/type', '/containers/0/imagePullPolicy', '/containers/0/securityContext/allowPrivilegeEscalation', '/containers/1/securityContext/readOnlyRootFilesystem'])
    assert.ok(!paths.some((p) => p.startsWith(kept)), `${kept} must be left alone`);
  assert.ok(paths.includes('/containers/0/securityContext/capabilities/drop/-'));
  assert.ok(!paths.some((p) => p.startsWith('/containers/1/securityContext/capabilities')), 'lowercase all already drops everything');
  const patched = applyRfc6902(spec, patch) as typeof spec;
  assert.deepEqual(patched.containers[0]!.securityContext.capabilities.drop, ['NET_RAW', 'ALL']);
  assert.equal(patched.containers[0]!.securityContext.allowPrivilegeEscalation, true);
});

test('a pod that asks for root explicitly gets no runAsNonRoot (the kubelet would refuse it)', () => {
  const spec = { containers: [{ name: 'a', securityContext: { runAsUser: 0 } }, { name: 'b' }] };
  const ops = podSpecOperations(spec, { rules: new Set(['run-as-root']) });
  assert.deepEqual(ops, []);
});

test('a suppressed container keeps its finding: pod-wide defaults fall back to the other containers', () => {
  const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
  const ops = podSpecOperations(spec, { rules: new Set(['seccomp-unconfined', 'service-account-token-mounted']), keep: new Map([['seccomp-unconfined', new Set(['a'])]]) });
  assert.deepEqual(
    ops.map((o: EditOperation) => [o.rule, o.path, o.container]),
    [
      ['service-account-token-mounted', '/automountServiceAccountToken', undefined],
      ['seccomp-unconfined', '/containers/1/securityContext/seccompProfile/type', 'b'],
    ],
  );
});

test('options: limits, a /tmp volume, emptyDir size limits and host addresses only when asked', () => {
  const spec = {
    containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 81 }] }],
    volumes: [{ name: 'cache', emptyDir: { medium: 'Memory' } }, { name: 'disk', emptyDir: {} }],
  };
  const rules = new Set(['writable-root-fs', 'missing-cpu-limit', 'missing-memory-limit', 'tmpfs-unhardened', 'port-exposed-all-interfaces']);
  const bare = applyOperations(spec, podSpecOperations(spec, { rules }));
  assert.equal((bare.containers[0] as any).resources, undefined);
  assert.equal((bare.containers[0] as any).ports[0].hostIP, undefined);
  assert.equal((bare.volumes[0] as any).emptyDir.sizeLimit, '64Mi');
  assert.equal((bare.volumes[1] as any).emptyDir.sizeLimit, undefined);
  const full = applyOperations(spec, podSpecOperations(spec, { rules, options: { cpuLimit: '500m', memoryLimit: '256Mi', tmpVolume: true, bindAddress: '127.0.0.1', tmpfsSize: '32Mi' } }));
  assert.deepEqual((full.containers[0] as any).resources, { limits: { cpu: '500m', memory: '256Mi' } });
  assert.equal((full.containers[0] as any).ports[0].hostIP, '127.0.0.1');
  assert.equal((full.containers[0] as any).ports[1].hostIP, undefined);
  assert.deepEqual((full.containers[0] as any).volumeMounts, [{ name: 'tmp', mountPath: '/tmp' }]);
  assert.deepEqual(full.volumes[2], { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '32Mi' } });
});

test('a foreign volume named tmp blocks the /tmp volume', () => {
  const spec = { containers: [{ name: 'a' }], volumes: [{ name: 'tmp', persistentVolumeClaim: { claimName: 'x' } }] };
  const ops = podSpecOperations(spec, { rules: new Set(['writable-root-fs']), options: { tmpVolume: true } });
  assert.deepEqual(ops.map((o) => o.path), ['/containers/0/securityContext/readOnlyRootFilesystem']);
});

test('applying the patch twice changes nothing the second time', () => {
  const spec = { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }] };
  const once = applyOperations(spec, podSpecOperations(spec, { options: { tmpVolume: true } }));
  assert.deepEqual(toJsonPatch(once, podSpecOperations(once, { options: { tmpVolume: true } })), []);
});
