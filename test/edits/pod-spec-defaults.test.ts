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
