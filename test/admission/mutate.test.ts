import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsonpatch from 'fast-json-patch';
import { createMutator } from '../../src/admission/mutate.js';
import { Reviewer } from '../../src/admission/reviewer.js';
import { defaultConfig, type Config } from '../../src/config/config.js';
import type { AdmissionResponse } from '../../src/admission/admission-review.js';
import { request } from './reviews.js';

const bare = (kind = 'Pod') => {
  const spec = { containers: [{ name: 'app', image: 'registry.example.com/app:1' }, { name: 'side', image: 'registry.example.com/side:1', securityContext: { allowPrivilegeEscalation: true } }] };
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { name: 'web', namespace: 'team' }, spec };
  return { apiVersion: 'batch/v1', kind, metadata: { name: 'nightly', namespace: 'team' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec } } } } };
};

/** Applies the answer's patch with an independent RFC 6902 implementation (which checks every path exists). */
function patched(object: Record<string, unknown>, response: AdmissionResponse): Record<string, unknown> {
  assert.equal(response.patchType, 'JSONPatch');
  const ops = JSON.parse(Buffer.from(response.patch!, 'base64').toString('utf8')) as jsonpatch.Operation[];
  return jsonpatch.applyPatch(structuredClone(object), ops, true, false).newDocument;
}

test('/mutate fills in the default safe settings and keeps every explicit choice', async () => {
  const object = bare();
  const response = await createMutator(() => defaultConfig())(request(object));
  assert.equal(response.allowed, true);
  const pod = patched(object, response) as { spec: Record<string, any> };
  assert.equal(pod.spec.automountServiceAccountToken, false);
  assert.deepEqual(pod.spec.securityContext, { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
  assert.deepEqual(pod.spec.containers[0].securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  assert.equal(pod.spec.containers[1].securityContext.allowPrivilegeEscalation, true, 'an explicit value is never overridden');
  assert.deepEqual(pod.spec.containers[1].securityContext.capabilities, { drop: ['ALL'] });
  // What was mutated no longer produces the findings it answers.
  const { judged } = await new Reviewer(defaultConfig()).validate(request(pod));
  const left = new Set(judged.map((j) => j.finding.ruleId));
  for (const id of ['seccomp-unconfined', 'run-as-root', 'service-account-token-mounted', 'capabilities-not-dropped']) assert.ok(!left.has(id), `${id} still found`);
  assert.ok(left.has('privilege-escalation-allowed'), 'the explicit true stays a finding');
});

test('/mutate reaches the pod template of every workload kind', async () => {
  const object = bare('CronJob');
  const cron = patched(object, await createMutator(() => defaultConfig())(request(object))) as any;
  assert.equal(cron.spec.jobTemplate.spec.template.spec.automountServiceAccountToken, false);
  assert.equal(cron.spec.jobTemplate.spec.template.spec.securityContext.seccompProfile.type, 'RuntimeDefault');
});

test('/mutate applies only the configured defaults, none for accepted rules, and never on UPDATE', async () => {
  const config: Config = { ...defaultConfig() };
  config.admission = { ...config.admission, mutate: ['seccomp-unconfined', 'service-account-token-mounted'] };
  const object = bare();
  const pod = patched(object, await createMutator(() => config)(request(object))) as any;
  assert.deepEqual(pod.spec.securityContext, { seccompProfile: { type: 'RuntimeDefault' } });
  assert.equal(pod.spec.containers[0].securityContext, undefined);

  const annotated = bare() as any;
  annotated.metadata.annotations = { 'seaworthy.io/ignore': 'service-account-token-mounted -- uses the API' };
  const kept = patched(annotated, await createMutator(() => config)(request(annotated))) as any;
  assert.equal(kept.spec.automountServiceAccountToken, undefined);

  config.exceptions = [{ rules: ['seccomp-unconfined'], resource: { kind: 'Pod', namespace: 'team' }, reason: 'profiling', loc: { file: 'c', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } }];
  const excepted = request(annotated);
  assert.deepEqual(await createMutator(() => config)(excepted), { uid: excepted.uid, allowed: true }, 'both defaults accepted: no patch');

  const update = request(bare(), { operation: 'UPDATE' });
  assert.deepEqual(await createMutator(() => defaultConfig())(update), { uid: update.uid, allowed: true });
});
