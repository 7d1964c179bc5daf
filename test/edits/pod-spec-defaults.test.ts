import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podSpecOperations } from '../../src/edits/pod-spec-defaults.js';

const rules = new Set(['privilege-escalation-allowed']);
const escalation = (securityContext: Record<string, unknown>) =>
  podSpecOperations({ containers: [{ name: 'app', image: 'a', securityContext }] }, { rules }).map((o) => o.path);

// kube-apiserver's pod validation refuses allowPrivilegeEscalation: false beside either (found by test/e2e).
test('allowPrivilegeEscalation: false is not added beside privileged: true or an added SYS_ADMIN', () => {
  assert.deepEqual(escalation({ privileged: true }), []);
  assert.deepEqual(escalation({ capabilities: { add: ['SYS_ADMIN'] } }), []);
  assert.deepEqual(escalation({ capabilities: { add: ['CAP_SYS_ADMIN'] } }), []);
  assert.deepEqual(escalation({ privileged: false, capabilities: { add: ['NET_BIND_SERVICE'] } }), ['/containers/0/securityContext/allowPrivilegeEscalation']);
});

// One table for fix and /mutate: both give a pod its images' own known user.
test('run-as-root: the images\' own known numeric user, when all containers share it; else the configured UID', () => {
  const user = (images: string[], options = {}, keep?: Map<string, Set<string>>) =>
    podSpecOperations({ containers: images.map((image, i) => ({ name: `c${i}`, image })) }, { rules: new Set(['run-as-root']), options, ...(keep && { keep }) }).map((o) => `${o.path}=${"value" in o ? String(o.value) : ""}`);
  assert.deepEqual(user(['nginxinc/nginx-unprivileged:1.27'], { uid: 2000 }), ['/securityContext/runAsNonRoot=true', '/securityContext/runAsUser=101', '/securityContext/runAsGroup=101']);
  assert.deepEqual(user(['gcr.io/distroless/static:nonroot', 'gcr.io/distroless/base:nonroot']), ['/securityContext/runAsNonRoot=true', '/securityContext/runAsUser=65532', '/securityContext/runAsGroup=65532']);
  assert.deepEqual(user(['nginxinc/nginx-unprivileged:1.27', 'registry.example.com/app:1'], { uid: 2000 }), ['/securityContext/runAsNonRoot=true', '/securityContext/runAsUser=2000', '/securityContext/runAsGroup=2000']);
  // A suppressed container: the others get their own image's user one by one.
  assert.deepEqual(user(['nginxinc/nginx-unprivileged:1.27', 'registry.example.com/app:1'], {}, new Map([['run-as-root', new Set(['c1'])]])), ['/containers/0/securityContext/runAsNonRoot=true', '/containers/0/securityContext/runAsUser=101']);
});
