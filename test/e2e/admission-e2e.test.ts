/**
 * seaworthy serve enforced by a real kube-apiserver (with etcd), both built from the Go
 * module proxy: the webhooks are registered with a CA made by `seaworthy serve certs`,
 * and objects are created through the API as kubectl would.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, kubeBinariesPresent, kubeBinDir, startKubeCluster, type KubeCluster } from '../support/kube-cluster.js';
import { prerequisite, repoRoot } from '../support/prerequisites.js';
import { hardenedDeployment, hardenedPod, privilegedPod } from '../admission/reviews.js';

const skip = prerequisite(kubeBinariesPresent(), `kube-apiserver and etcd in ${kubeBinDir()} (bash test/tools/kube/build.sh builds them)`);

let cluster: KubeCluster;
let seaworthy: { child: ChildProcess; port: number; log: string[] } | undefined;
let port = 0;
let caPem = '';
let dir = '';

const CONFIG = `admission:
  enforceOn: high
  warnOn: low
  namespaces:
    audited: { mode: audit }
`;

async function startSeaworthy(): Promise<void> {
  const log: string[] = [];
  const child = spawn(process.execPath, [
    join(repoRoot, 'bin/seaworthy.js'), 'serve',
    `--listen=127.0.0.1:${port}`,
    `--tls-cert=${join(dir, 'tls.crt')}`,
    `--tls-key=${join(dir, 'tls.key')}`,
    `--config=${join(dir, 'config.yaml')}`,
    // Namespace labels from the real API, with a user bound only to the chart's read-only ClusterRole.
    `--kube-api=${cluster.url}`,
    `--kube-token-file=${cluster.tokenFile(cluster.seaworthyToken)}`,
    `--kube-ca=${join(cluster.dir, 'pki', 'apiserver.crt')}`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => log.push(...c.toString('utf8').split('\n').filter(Boolean)));
  child.stderr!.on('data', (c: Buffer) => log.push(c.toString('utf8')));
  seaworthy = { child, port, log };
  const end = Date.now() + 20_000;
  while (!log.some((l) => l.includes('"server.listening"'))) {
    if (child.exitCode !== null || Date.now() > end) throw new Error(`seaworthy serve did not start: ${log.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopSeaworthy(): Promise<number | null> {
  if (!seaworthy) return null;
  const { child } = seaworthy;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  const code = await exited;
  seaworthy = undefined;
  return code;
}

function webhook(kind: 'validate' | 'mutate', failurePolicy: 'Fail' | 'Ignore'): Record<string, unknown> {
  const operations = kind === 'validate' ? ['CREATE', 'UPDATE'] : ['CREATE'];
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: kind === 'validate' ? 'ValidatingWebhookConfiguration' : 'MutatingWebhookConfiguration',
    metadata: { name: 'seaworthy' },
    webhooks: [
      {
        name: `${kind}.seaworthy.io`,
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        timeoutSeconds: 3,
        failurePolicy,
        matchPolicy: 'Equivalent',
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'seaworthy-system'] }] },
        rules: [
          { apiGroups: [''], apiVersions: ['v1'], operations, resources: kind === 'validate' ? ['pods', 'pods/ephemeralcontainers'] : ['pods'], scope: 'Namespaced' },
          { apiGroups: ['apps'], apiVersions: ['v1'], operations, resources: ['deployments'], scope: 'Namespaced' },
        ],
        clientConfig: { url: `https://127.0.0.1:${port}/${kind}`, caBundle: Buffer.from(caPem).toString('base64') },
      },
    ],
  };
}

async function ok(answer: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const a = await answer;
  assert.ok(a.status >= 200 && a.status < 300, `${what}: HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 500)}`);
  return a.body;
}

before(async () => {
  if (skip) return;
  cluster = await startKubeCluster();
  dir = cluster.dir;
  port = await freePort();
  const certs = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'serve', 'certs', '--service', 'seaworthy', '--namespace', 'seaworthy-system', '--out', dir], { encoding: 'utf8' });
  assert.equal(certs.status, 0, certs.stderr);
  caPem = readFileSync(join(dir, 'ca.crt'), 'utf8');
  writeFileSync(join(dir, 'config.yaml'), CONFIG);
  // The chart's read-only ClusterRole, bound to the user seaworthy reads namespaces as.
  const manifests = readFileSync(join(repoRoot, 'deploy/manifests/seaworthy.yaml'), 'utf8');
  const { loadAll } = await import('js-yaml');
  const docs = loadAll(manifests) as any[];
  const role = docs.find((d) => d?.kind === 'ClusterRole');
  await ok(cluster.call('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', role), 'ClusterRole');
  await ok(cluster.call('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', { metadata: { name: 'seaworthy-test' }, roleRef: role ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name } : undefined, subjects: [{ kind: 'User', name: 'seaworthy', apiGroup: 'rbac.authorization.k8s.io' }] }), 'binding');
  for (const [name, labels] of [['team', {}], ['audited', {}], ['baseline', { 'pod-security.kubernetes.io/enforce': 'baseline' }]] as const) {
    await ok(cluster.call('POST', '/api/v1/namespaces', { metadata: { name, labels } }), `namespace ${name}`);
    // No controller manager runs here: make the default ServiceAccount the ServiceAccount plugin looks up.
    await ok(cluster.call('POST', `/api/v1/namespaces/${name}/serviceaccounts`, { metadata: { name: 'default' } }), `serviceaccount in ${name}`);
  }
  await startSeaworthy();
  await ok(cluster.call('POST', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', webhook('validate', 'Fail')), 'validating webhook');
  await ok(cluster.call('POST', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', webhook('mutate', 'Ignore')), 'mutating webhook');
  // The API server picks up new webhook configurations asynchronously: wait until one decides.
  const end = Date.now() + 30_000;
  for (;;) {
    const probe = await cluster.call('POST', '/api/v1/namespaces/team/pods?dryRun=All', privilegedPod('probe', 'team'));
    if (probe.status === 403 && JSON.stringify(probe.body).includes('seaworthy')) break;
    if (Date.now() > end) throw new Error(`webhooks never took effect: ${JSON.stringify(probe.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, { timeout: 300_000 });

after(async () => {
  await stopSeaworthy();
  await cluster?.stop();
});

test('a privileged pod is refused with seaworthy\'s message', { skip }, async () => {
  const answer = await cluster.call('POST', '/api/v1/namespaces/team/pods', privilegedPod('privileged', 'team'));
  assert.equal(answer.status, 403);
  assert.match(answer.body.message, /admission webhook "validate\.seaworthy\.io" denied the request: seaworthy denied Pod "team\/privileged": \d+ findings?/);
  assert.match(answer.body.message, /\[privileged-container\] spec\.containers\[0\]\.securityContext\.privileged: Container "app" runs privileged/);
  assert.equal((await cluster.call('GET', '/api/v1/namespaces/team/pods/privileged')).status, 404);
});

test('a hardened Deployment is admitted and stored', { skip }, async () => {
  const created = await cluster.call('POST', '/apis/apps/v1/namespaces/team/deployments', hardenedDeployment('web', 'team'));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual(created.warnings, []);
  assert.equal((await cluster.call('GET', '/apis/apps/v1/namespaces/team/deployments/web')).status, 200);
});

test('warn findings come back as warnings in the API response', { skip }, async () => {
  const pod = hardenedPod('limitless', 'team') as any;
  delete pod.spec.containers[0].resources;
  const created = await cluster.call('POST', '/api/v1/namespaces/team/pods', pod);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual(created.warnings.filter((w) => w.startsWith('seaworthy')).sort(), [
    'seaworthy [missing-cpu-limit] spec.containers[0]: Container "app" has no CPU limit: set resources.limits.cpu.',
    'seaworthy [missing-memory-limit] spec.containers[0]: Container "app" has no memory limit: set resources.limits.memory.',
  ]);
});

test('a pod comes back mutated with the safe defaults, its explicit values kept', { skip }, async () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'plain', namespace: 'team' },
    spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0', resources: { limits: { cpu: '1', memory: '64Mi' } }, securityContext: { readOnlyRootFilesystem: true } }] },
  };
  const created = await cluster.call('POST', '/api/v1/namespaces/team/pods', pod);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const spec = created.body.spec;
  assert.equal(spec.automountServiceAccountToken, false);
  assert.deepEqual(spec.securityContext, { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
  assert.deepEqual(spec.containers[0].securityContext, { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  const stored = await cluster.call('GET', '/api/v1/namespaces/team/pods/plain');
  assert.deepEqual(stored.body.spec.securityContext, spec.securityContext, 'the stored object is the mutated one');
});

test('a dry-run create is judged and answered but leaves nothing behind: no object, no audit record', { skip }, async () => {
  const pod = hardenedPod('dry', 'audited') as any;
  delete pod.spec.containers[0].resources; // audited in this namespace
  const before = seaworthy!.log.filter((l) => l.includes('"admission.audit"')).length;
  const dry = await cluster.call('POST', '/api/v1/namespaces/audited/pods?dryRun=All', pod);
  assert.equal(dry.status, 201, JSON.stringify(dry.body));
  assert.equal((await cluster.call('GET', '/api/v1/namespaces/audited/pods/dry')).status, 404);
  const refused = await cluster.call('POST', '/api/v1/namespaces/team/pods?dryRun=All', privilegedPod('dry-bad', 'team'));
  assert.equal(refused.status, 403, 'a dry run is judged like the real thing');
  const real = await cluster.call('POST', '/api/v1/namespaces/audited/pods', pod);
  assert.equal(real.status, 201);
  await new Promise((r) => setTimeout(r, 200));
  const audits = seaworthy!.log.filter((l) => l.includes('"admission.audit"')).map((l) => JSON.parse(l));
  assert.equal(audits.length - before, 1, 'only the real create is audited');
  assert.equal(audits.at(-1).object, 'Pod "audited/dry"');
  assert.deepEqual(audits.at(-1).findings.map((f: any) => f.ruleId).sort(), ['missing-cpu-limit', 'missing-memory-limit']);
});

test('namespace labels read from the API decide Pod Security', { skip }, async () => {
  const pod = hardenedPod('ipc', 'baseline') as any;
  pod.spec.hostIPC = true;
  const answer = await cluster.call('POST', '/api/v1/namespaces/baseline/pods', pod);
  assert.equal(answer.status, 403, JSON.stringify(answer.body));
  assert.match(answer.body.message, /\[pod-security-baseline\] spec\.hostIPC/);
  assert.ok(!seaworthy!.log.some((l) => l.includes('namespace.read_failed')), 'the read-only ClusterRole is enough');
});

test('with seaworthy stopped, the failure policy decides: Fail refuses, Ignore admits', { skip }, async () => {
  assert.equal(await stopSeaworthy(), 0, 'SIGTERM ends serve cleanly');
  const refused = await cluster.call('POST', '/api/v1/namespaces/team/pods', hardenedPod('while-down', 'team'));
  assert.equal(refused.status, 500, JSON.stringify(refused.body));
  assert.match(refused.body.message, /failed calling webhook "validate\.seaworthy\.io"/);
  const hook = await cluster.call('GET', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/seaworthy');
  hook.body.webhooks[0].failurePolicy = 'Ignore';
  await ok(cluster.call('PUT', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/seaworthy', hook.body), 'fail-open');
  const end = Date.now() + 30_000;
  for (;;) {
    const admitted = await cluster.call('POST', '/api/v1/namespaces/team/pods', privilegedPod('unchecked', 'team'));
    if (admitted.status === 201) break;
    if (Date.now() > end) throw new Error(`fail-open never took effect: ${JSON.stringify(admitted.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});
