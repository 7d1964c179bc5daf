import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reviewer } from '../../src/admission/reviewer.js';
import { defaultConfig, type Config } from '../../src/config/config.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { fullCatalogue } from '../../src/scan/run-scan.js';
import { DENIAL_MAX, WARNING_MAX, WARNINGS_TOTAL_MAX } from '../../src/admission/message-limits.js';
import { hardenedDeployment, hardenedPod, privilegedPod, request } from './reviews.js';

function config(yaml: string): Config {
  const { config, errors } = parseConfig(sourceFile('.seaworthy.yaml', yaml), fullCatalogue.map((r) => r.id));
  assert.deepEqual(errors, []);
  return config;
}

test('a privileged pod is denied with each enforced finding: rule id, field path and message; the uid is echoed', async () => {
  const req = request(privilegedPod('bad', 'team'));
  const { response } = await new Reviewer(defaultConfig()).validate(req);
  assert.equal(response.uid, req.uid);
  assert.equal(response.allowed, false);
  assert.equal(response.status?.code, 403);
  const message = response.status!.message;
  assert.match(message, /^seaworthy denied Pod "team\/bad": 2 findings/);
  assert.match(message, /\[privileged-container\] spec\.containers\[0\]\.securityContext\.privileged: Container "app" runs privileged/);
  assert.match(message, /\[privilege-escalation-allowed\] spec\.containers\[0\]: /);
});

test('a hardened pod and a hardened Deployment are admitted without warnings', async () => {
  const reviewer = new Reviewer(defaultConfig());
  for (const object of [hardenedPod('web', 'team'), hardenedDeployment('web', 'team')]) {
    const { response } = await reviewer.validate(request(object));
    assert.deepEqual(response, { uid: response.uid, allowed: true });
  }
});

test('findings below enforceOn are warnings; below warnOn they are audited', async () => {
  const pod = hardenedPod('web', 'team') as { spec: { containers: Record<string, unknown>[] } };
  delete pod.spec.containers[0]!['resources']; // missing-cpu-limit, missing-memory-limit: medium
  const reviewer = new Reviewer(defaultConfig());
  const warned = (await reviewer.validate(request(pod as unknown as Record<string, unknown>))).response;
  assert.equal(warned.allowed, true);
  assert.deepEqual(warned.warnings?.map((w) => /\[([\w-]+)\]/.exec(w)?.[1]).sort(), ['missing-cpu-limit', 'missing-memory-limit']);
  assert.match(warned.warnings![0]!, /^seaworthy \[missing-cpu-limit\] spec\.containers\[0\]: /);

  reviewer.setConfig(config('admission:\n  warnOn: high\n'));
  const audited = (await reviewer.validate(request(pod as unknown as Record<string, unknown>))).response;
  assert.equal(audited.allowed, true);
  assert.equal(audited.warnings, undefined);
  assert.equal(audited.auditAnnotations?.['findings'], 'missing-cpu-limit spec.containers[0]; missing-memory-limit spec.containers[0]');
});

test('modes per rule and per namespace: a rule mode in a namespace beats the rule mode, which beats the namespace mode', async () => {
  const reviewer = new Reviewer(
    config(`admission:
  rules:
    privileged-container: warn
  namespaces:
    legacy:
      mode: audit
    strict:
      rules:
        privileged-container: enforce
`),
  );
  const decide = async (ns: string) => {
    const { judged } = await reviewer.validate(request(privilegedPod('p', ns)));
    return Object.fromEntries(judged.map((j) => [j.finding.ruleId, j.mode]));
  };
  assert.deepEqual(await decide('team'), { 'privilege-escalation-allowed': 'enforce', 'privileged-container': 'warn' });
  assert.deepEqual(await decide('legacy'), { 'privilege-escalation-allowed': 'audit', 'privileged-container': 'warn' });
  assert.deepEqual(await decide('strict'), { 'privilege-escalation-allowed': 'enforce', 'privileged-container': 'enforce' });
});

test('exceptions by resource and seaworthy.io/ignore annotations are honoured; an expired exception is not', async () => {
  const yaml = (expires: string) => `exceptions:
  - rule: [privileged-container, privilege-escalation-allowed]
    resource: { kind: Pod, namespace: infra, name: "node-*" }
    reason: node agents need the host
    expires: ${expires}
`;
  const today = () => new Date('2026-06-15T00:00:00Z');
  const live = new Reviewer(config(yaml('2026-12-31')), { today });
  assert.equal((await live.validate(request(privilegedPod('node-agent', 'infra')))).response.allowed, true);
  assert.equal((await live.validate(request(privilegedPod('other', 'infra')))).response.allowed, false, 'the exception covers node-* only');
  const expired = new Reviewer(config(yaml('2026-06-14')), { today });
  assert.equal((await expired.validate(request(privilegedPod('node-agent', 'infra')))).response.allowed, false);

  const annotated = privilegedPod('debug', 'team') as { metadata: Record<string, unknown> };
  annotated.metadata['annotations'] = { 'seaworthy.io/ignore': 'privileged-container, privilege-escalation-allowed -- the debug pod needs the host' };
  assert.equal((await new Reviewer(defaultConfig()).validate(request(annotated as unknown as Record<string, unknown>))).response.allowed, true);
});

test('rules that need other objects are not judged at admission', async () => {
  const { judged } = await new Reviewer(config('rules:\n  workload-not-isolated: high\n')).validate(request(hardenedPod('web', 'team')));
  assert.deepEqual(judged, []);
});

test('namespace labels decide Pod Security as in a scanned manifest set', async () => {
  const pod = hardenedPod('web', 'team') as { spec: Record<string, unknown> };
  pod.spec['hostIPC'] = true; // baseline violation, reported by the pod-security rules only when a level applies
  const object = pod as unknown as Record<string, unknown>;
  const without = await new Reviewer(defaultConfig()).validate(request(object));
  const labels = { 'pod-security.kubernetes.io/enforce': 'baseline' };
  const withLabels = await new Reviewer(defaultConfig(), { namespaceLabels: (ns) => (ns === 'team' ? labels : undefined) }).validate(request(object));
  assert.ok(!without.judged.some((j) => j.finding.ruleId === 'pod-security-baseline'));
  const psa = withLabels.judged.find((j) => j.finding.ruleId === 'pod-security-baseline');
  assert.ok(psa, JSON.stringify(withLabels.judged.map((j) => j.finding.ruleId)));
  assert.equal(psa.field, 'spec.hostIPC');
});

test('DELETE, CONNECT and requests without an object are admitted untouched', async () => {
  const reviewer = new Reviewer(defaultConfig());
  for (const extra of [{ operation: 'DELETE' as const }, { operation: 'CONNECT' as const }]) {
    const req = request(privilegedPod('x', 'team'), extra);
    assert.deepEqual((await reviewer.validate(req)).response, { uid: req.uid, allowed: true });
  }
  const empty = request(undefined);
  assert.deepEqual((await reviewer.validate(empty)).response, { uid: empty.uid, allowed: true });
});

test('the ephemeralcontainers subresource is judged on the Pod it carries', async () => {
  const pod = hardenedPod('web', 'team') as { spec: Record<string, unknown> };
  pod.spec['ephemeralContainers'] = [{ name: 'debugger', image: 'busybox', securityContext: { privileged: true } }];
  const { response } = await new Reviewer(defaultConfig()).validate(request(pod as unknown as Record<string, unknown>, { operation: 'UPDATE', subResource: 'ephemeralcontainers' }));
  assert.equal(response.allowed, false);
  assert.match(response.status!.message, /\[privileged-container\] spec\.ephemeralContainers\[0\]\.securityContext\.privileged/);
});

test('answers stay within the API server\'s limits however many findings there are', async () => {
  const pod = privilegedPod('many', 'team') as { spec: { containers: Record<string, unknown>[] } };
  const base = pod.spec.containers[0]!;
  pod.spec.containers = Array.from({ length: 200 }, (_, i) => ({ ...base, name: `c-${'x'.repeat(200)}-${i}`, resources: undefined }));
  const { response, judged } = await new Reviewer(defaultConfig()).validate(request(pod as unknown as Record<string, unknown>));
  assert.ok(judged.length > 400);
  assert.ok([...response.status!.message].length <= DENIAL_MAX, `denial is ${response.status!.message.length} chars`);
  assert.match(response.status!.message, /… and \d+ more/);
  const warnings = response.warnings!;
  assert.ok(warnings.every((w) => [...w].length <= WARNING_MAX && !/[\u0000-\u001f]/.test(w)));
  assert.ok(warnings.reduce((n, w) => n + [...w].length, 0) <= WARNINGS_TOTAL_MAX);
  assert.match(warnings.at(-1)!, /^seaworthy: \d+ more warnings not shown$/);
});

test('a namespace from the request and a generateName fill in what the object lacks', async () => {
  const pod = privilegedPod('x') as { metadata: Record<string, unknown> };
  pod.metadata = { generateName: 'web-' };
  const { response } = await new Reviewer(defaultConfig()).validate(request(pod as unknown as Record<string, unknown>, { namespace: 'team' }));
  assert.match(response.status!.message, /^seaworthy denied Pod "team\/web-\*"/);
});
