/**
 * `seaworthy cluster` against a real kube-apiserver with etcd (test/support/kube-cluster.ts):
 * objects created through the API give the findings `seaworthy scan` gives for the same
 * manifests; a Deployment's pods are judged once, through the Deployment; findings carry
 * kind/namespace/name, field path and origin; paging with a small page size.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { kubeBinariesPresent, kubeBinDir, startKubeCluster, type KubeCluster } from '../support/kube-cluster.js';
import { needPrograms, prerequisite, repoRoot } from '../support/prerequisites.js';
import { compactEtcd, createAll, kubeconfigFor } from '../support/kube-objects.js';
import { startApiProxy } from '../support/api-proxy.js';
import { startConnectProxy } from '../support/connect-proxy.js';
import { runScan } from '../../src/scan/run-scan.js';
import { runCluster } from '../../src/scan/run-cluster.js';
import type { Finding } from '../../src/model/finding.js';

const skip = prerequisite(kubeBinariesPresent(), `kube-apiserver and etcd in ${kubeBinDir()} (bash test/tools/kube/build.sh builds them)`) ?? needPrograms('openssl');
const fixtures = join(repoRoot, 'test/e2e/fixtures/cluster');
const manifests = (loadAll(readFileSync(join(fixtures, 'shop.yaml'), 'utf8')) as Record<string, any>[]).filter(Boolean);

let cluster: KubeCluster;
let kubeconfig = '';
let clientPki = '';

before(async () => {
  if (skip) return;
  // Without the watch cache every list reads etcd, so compacting etcd expires a continue token (410 Gone)
  // as on a large cluster whose lists outlive the compaction interval.
  // A client CA, so that a kubeconfig with a client certificate can log in (CN the user, O the group).
  clientPki = mkdtempSync(join(tmpdir(), 'seaworthy-client-pki-'));
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: clientPki, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  };
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=seaworthy-test-client-ca', '-days', '2');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/O=system:masters/CN=cert-admin');
  writeFileSync(join(clientPki, 'ext.cnf'), 'extendedKeyUsage=clientAuth\n');
  openssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '2', '-extfile', 'ext.cnf');
  cluster = await startKubeCluster({ apiServerArgs: ['--watch-cache=false', `--client-ca-file=${join(clientPki, 'ca.crt')}`] });
  kubeconfig = kubeconfigFor(cluster, 'admin');
  await createAll(cluster, manifests);
  // No controller-manager runs: make what the Deployment and CronJob controllers would.
  const deployment = (await cluster.call('GET', '/apis/apps/v1/namespaces/shop/deployments/web')).body;
  const template = deployment.spec.template;
  const hash = '6d8f7c9b5';
  const rs = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: `web-${hash}`, namespace: 'shop', labels: { ...template.metadata.labels, 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment.metadata.uid, controller: true }] },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: { ...template, metadata: { labels: { ...template.metadata.labels, 'pod-template-hash': hash } } } },
  };
  await createAll(cluster, [rs]);
  const rsUid = (await cluster.call('GET', `/apis/apps/v1/namespaces/shop/replicasets/web-${hash}`)).body.metadata.uid;
  const pods = ['x7k2p', 'b9qmd'].map((s) => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `web-${hash}-${s}`, namespace: 'shop', labels: { app: 'web', 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${hash}`, uid: rsUid, controller: true }] },
    spec: template.spec,
  }));
  await createAll(cluster, pods);
});

after(async () => {
  await cluster?.stop();
});

/** What must be equal between scan and cluster: rule, severity, message and the object judged. */
function key(f: Finding): string {
  const r = f.resource;
  return [f.ruleId, f.severity, f.message, r?.kind, r?.namespace ?? '', r?.name ?? '', r?.container ?? ''].join(' | ');
}

const ours = new Set(manifests.map((m) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`));
const onOurObjects = (f: Finding): boolean => ours.has(`${f.resource?.kind}/${f.resource?.namespace ?? ''}/${f.resource?.name}`);
const emptyConfig = join(fixtures, 'empty-config.yaml');

test('cluster gives the findings scan gives for the same manifests; the Deployment\'s pods are judged through it', { skip }, async () => {
  const scanned = await runScan([join(fixtures, 'shop.yaml')], { configPath: emptyConfig });
  const audited = await runCluster({ configPath: emptyConfig, connection: { kubeconfig } });
  assert.deepEqual(scanned.result.errors, []);
  assert.deepEqual(audited.result.errors, []);
  const fromScan = scanned.result.findings.map(key).sort();
  const fromCluster = audited.result.findings.filter(onOurObjects).map(key).sort();
  assert.ok(fromScan.length > 20, `the manifests give findings of many rules (${fromScan.length})`);
  assert.deepEqual(fromCluster, fromScan);
  // The ReplicaSet and the two pods made for web add nothing: they are web.
  const stray = audited.result.findings.filter((f) => f.resource?.namespace === 'shop' && !onOurObjects(f));
  assert.deepEqual(stray.map(key), []);
  const rules = new Set(fromScan.map((k) => k.split(' | ')[0]));
  for (const id of ['privileged-container', 'rbac-secrets-read', 'rbac-wildcard', 'namespace-without-pod-security', 'writable-host-mount', 'host-namespaces', 'workload-not-isolated']) assert.ok(rules.has(id), `${id} is among the compared findings`);
});

test('findings name kind/namespace/name, the field path and where the object came from', { skip }, async () => {
  const { result } = await runCluster({ configPath: emptyConfig, connection: { kubeconfig }, read: { namespaces: ['shop', 'payments'] } });
  const privileged = result.findings.find((f) => f.ruleId === 'privileged-container' && f.resource?.name === 'web');
  assert.equal(privileged?.location.file, 'Deployment/shop/web');
  assert.equal(privileged?.fieldPath, 'spec.template.spec.containers[0].securityContext.privileged');
  assert.equal(privileged?.origin?.tool, 'argocd');
  assert.equal(privileged?.origin?.name, 'shop');
  const hostPath = result.findings.find((f) => f.ruleId === 'sensitive-host-mount' || f.ruleId === 'writable-host-mount');
  assert.equal(hostPath?.location.file, 'StatefulSet/shop/db');
  assert.match(hostPath?.fieldPath ?? '', /^spec\.template\.spec\.(volumes|containers)\[0\]/);
  assert.equal(hostPath?.origin?.detail, 'Flux Kustomization flux-system/apps');
  // Written by the user (last-applied-configuration says so), not defaulted by the server.
  const pull = result.findings.find((f) => f.ruleId === 'image-pull-policy-not-always' && f.resource?.name === 'report');
  assert.match(pull?.message ?? '', /sets imagePullPolicy: IfNotPresent/);
  assert.equal(pull?.origin?.tool, 'kubectl');
  assert.equal(pull?.fieldPath, 'spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicy');
  const agent = result.findings.find((f) => f.resource?.name === 'agent');
  assert.equal(agent?.origin?.tool, 'helm');
  // The plain-text password in env is reported, never printed.
  const secret = result.findings.find((f) => f.ruleId === 'secret-in-env');
  assert.ok(secret, 'secret-in-env found');
  assert.doesNotMatch(JSON.stringify(result), /hunter2-but-longer-and-secret/);
  // Only the named namespaces: no ClusterRole findings, no other Namespace.
  assert.ok(result.findings.every((f) => f.resource?.namespace === 'shop' || f.resource?.namespace === 'payments' || (f.resource?.kind === 'Namespace' && ['shop', 'payments'].includes(f.resource.name!))), 'only shop and payments');
});

test('a page size of 2 reads the same objects in more calls', { skip }, async () => {
  const big = await runCluster({ configPath: emptyConfig, connection: { kubeconfig } });
  const small = await runCluster({ configPath: emptyConfig, connection: { kubeconfig }, read: { pageSize: 2 } });
  assert.deepEqual(small.result.findings.map(key).sort(), big.result.findings.map(key).sort());
  assert.equal(small.stats.objects, big.stats.objects);
  assert.ok(small.stats.calls > big.stats.calls + 5, `paged: ${small.stats.calls} calls against ${big.stats.calls}`);
});

test('the CLI: scan\'s formats and exit codes, and a usage error for an unknown context', { skip }, () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'cluster', '--kubeconfig', kubeconfig, '-c', emptyConfig, ...args], { encoding: 'utf8' });
  const json = run('-n', 'shop', '-f', 'json');
  assert.equal(json.status, 1, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.ok(report.findings.some((f: Finding) => f.ruleId === 'privileged-container' && f.fieldPath?.endsWith('privileged')));
  const sarif = run('-n', 'shop', '-f', 'sarif', '--fail-on', 'none');
  assert.equal(sarif.status, 0, sarif.stderr);
  assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, report.findings.length);
  const text = run('-n', 'payments', '--no-color', '--stats');
  assert.match(text.stdout, /^DaemonSet\/payments\/agent$/m);
  assert.match(text.stdout, /deployed by Helm release payments\/agent/);
  assert.match(text.stderr, /API calls/);
  const wrong = run('--context', 'nope');
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /no context "nope" in the kubeconfig \(contexts: admin\)/);
});

test('an RBAC-restricted user: with the deploy/ ClusterRole nothing is missing; without a permission a warning names kind and verb and the audit goes on', { skip }, async () => {
  const reader = (loadAll(readFileSync(join(repoRoot, 'deploy/cluster-audit/cluster-reader.yaml'), 'utf8')) as any[]).find((d) => d?.kind === 'ClusterRole');
  const userConfig = kubeconfigFor(cluster, 'seaworthy', { token: cluster.seaworthyToken });
  const bind = (role: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `test-${role}` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'seaworthy' }] });
  // No rights at all: every list is refused, which is said, and nothing is checked.
  const none = await runCluster({ configPath: emptyConfig, connection: { kubeconfig: userConfig } });
  assert.ok(none.result.warnings!.some((w) => /no permission to list Pod \(pods\) in all namespaces: missing verb "list" on pods/.test(w.message)));
  assert.ok(none.result.warnings!.some((w) => w.code === 'nothing-scanned'));
  // The ClusterRole without NetworkPolicies and ClusterRoles.
  const partial = structuredClone(reader);
  partial.metadata.name = 'reader-without-netpol';
  partial.rules = partial.rules
    .filter((r: any) => !r.apiGroups.includes('networking.k8s.io'))
    .map((r: any) => ({ ...r, resources: r.resources.filter((x: string) => x !== 'clusterroles') }));
  await createAll(cluster, [partial, bind(partial.metadata.name)]);
  const restricted = await runCluster({ configPath: emptyConfig, connection: { kubeconfig: userConfig } });
  const warned = restricted.result.warnings!.filter((w) => w.code === 'cluster-forbidden').map((w) => w.message);
  assert.equal(warned.length, 2, warned.join('\n'));
  assert.match(warned.join('\n'), /NetworkPolicy \(networkpolicies\.networking\.k8s\.io\) in all namespaces: missing verb "list"/);
  assert.match(warned.join('\n'), /ClusterRole \(clusterroles\.rbac\.authorization\.k8s\.io\): missing verb "list"/);
  assert.ok(restricted.result.findings.some((f) => f.ruleId === 'privileged-container' && f.resource?.name === 'web'), 'the audit went on');
  assert.ok(!restricted.result.findings.some((f) => f.resource?.kind === 'ClusterRole'));
  // Without the policies, db is not isolated for ingress any more: the missing kind shows.
  assert.ok(restricted.result.findings.some((f) => f.ruleId === 'workload-not-isolated' && f.resource?.name === 'db' && /ingress/.test(f.message)));
  // The whole ClusterRole of deploy/: no warning, the admin's findings.
  await createAll(cluster, [reader, bind(reader.metadata.name)]);
  const full = await runCluster({ configPath: emptyConfig, connection: { kubeconfig: userConfig } });
  assert.deepEqual(full.result.warnings ?? [], []);
  const admin = await runCluster({ configPath: emptyConfig, connection: { kubeconfig } });
  assert.deepEqual(full.result.findings.map(key).sort(), admin.result.findings.map(key).sort());
});

test('429 answers are retried after their Retry-After, through a throttling proxy in front of the API server', { skip }, async () => {
  const proxy = await startApiProxy(cluster, { retryAfter: 1, throttle: (path, n) => n % 4 === 1 || (/\/pods\?/.test(path) && !throttledPods++) });
  let throttledPods = 0;
  try {
    const viaProxy = kubeconfigFor(cluster, 'throttled', { server: proxy.url, caFile: proxy.caFile });
    const throttled = await runCluster({ configPath: emptyConfig, connection: { kubeconfig: viaProxy } });
    const direct = await runCluster({ configPath: emptyConfig, connection: { kubeconfig } });
    assert.deepEqual(throttled.result.findings.map(key).sort(), direct.result.findings.map(key).sort());
    const refused = proxy.requests.filter((r) => r.status === 429);
    assert.ok(refused.length >= 3, `${refused.length} answers were 429`);
    assert.equal(throttled.stats.throttled, refused.length);
    assert.equal(throttled.stats.calls, proxy.requests.length);
    for (const r of refused) {
      const retry = proxy.requests.find((x) => x.path === r.path && x.at > r.at);
      assert.ok(retry, `${r.path} was asked again`);
      assert.ok(retry.at - r.at >= 950, `${r.path} retried after ${retry.at - r.at} ms, Retry-After said 1 s`);
    }
  } finally {
    await proxy.stop();
  }
});

test('a list whose continue token expired (410 Gone after etcd compaction) restarts and reads every object once', { skip }, async () => {
  const proxy = await startApiProxy(cluster, {
    beforeContinue: async () => {
      // A write moves etcd past the token's revision; compacting there expires the token.
      await createAll(cluster, [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `bump-${Date.now()}`, namespace: 'kube-public' } }]);
      await compactEtcd(cluster);
    },
  });
  try {
    const viaProxy = kubeconfigFor(cluster, 'expiring', { server: proxy.url, caFile: proxy.caFile });
    const expired = await runCluster({ configPath: emptyConfig, connection: { kubeconfig: viaProxy }, read: { pageSize: 2 } });
    assert.ok(proxy.requests.some((r) => r.status === 410), 'the API server answered 410 Gone');
    assert.equal(expired.stats.restarts, proxy.requests.filter((r) => r.status === 410).length);
    const direct = await runCluster({ configPath: emptyConfig, connection: { kubeconfig } });
    assert.deepEqual(expired.result.findings.map(key).sort(), direct.result.findings.map(key).sort());
    assert.equal(expired.stats.objects, direct.stats.objects);
  } finally {
    await proxy.stop();
  }
});

test('namespace include and exclude globs', { skip }, async () => {
  const namespaces = (r: Awaited<ReturnType<typeof runCluster>>) => new Set(r.result.findings.map((f) => f.resource?.namespace ?? (f.resource?.kind === 'Namespace' ? f.resource.name : '(cluster)')));
  const included = await runCluster({ configPath: emptyConfig, connection: { kubeconfig }, read: { include: ['sh*', 'pay*'] } });
  assert.deepEqual([...namespaces(included)].sort(), ['(cluster)', 'payments', 'shop']);
  const excluded = await runCluster({ configPath: emptyConfig, connection: { kubeconfig }, read: { exclude: ['kube-*', 'shop'] } });
  assert.deepEqual([...namespaces(excluded)].sort(), ['(cluster)', 'default', 'payments']);
  // The same findings for payments either way.
  const of = (r: typeof included, ns: string) => r.result.findings.filter((f) => f.resource?.namespace === ns).map(key).sort();
  assert.deepEqual(of(excluded, 'payments'), of(included, 'payments'));
});

test('--qps spaces the requests out after the burst', { skip }, async () => {
  const start = performance.now();
  const limited = await runCluster({ configPath: emptyConfig, connection: { kubeconfig }, read: { namespaces: ['payments'] }, client: { qps: 10, burst: 1 } });
  const took = performance.now() - start;
  assert.ok(limited.stats.calls >= 15, `${limited.stats.calls} calls`);
  assert.ok(took >= ((limited.stats.calls - 1) / 10) * 1000 * 0.9, `${limited.stats.calls} calls at 10 per second took ${Math.round(took)} ms`);
});

test('credentials as kubectl takes them: a client certificate, an exec plugin, and a proxy-url', { skip }, async () => {
  const admin = await runCluster({ configPath: emptyConfig, connection: { kubeconfig }, read: { namespaces: ['shop'] } });
  const same = (r: typeof admin) => assert.deepEqual(r.result.findings.map(key).sort(), admin.result.findings.map(key).sort());
  // Client certificate (CN cert-admin in group system:masters), no token.
  const certConfig = kubeconfigFor(cluster, 'cert', { user: `    client-certificate: ${join(clientPki, 'client.crt')}\n    client-key: ${join(clientPki, 'client.key')}` });
  const byCert = await runCluster({ configPath: emptyConfig, connection: { kubeconfig: certConfig }, read: { namespaces: ['shop'] } });
  assert.deepEqual(byCert.result.warnings ?? [], []);
  same(byCert);
  // An exec plugin (as aws eks get-token or kubelogin) that prints an ExecCredential.
  const plugin = join(clientPki, 'credential-plugin.mjs');
  const ran = join(clientPki, 'plugin-ran');
  writeFileSync(plugin, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(ran)}, process.env.KUBERNETES_EXEC_INFO ?? 'no exec info');\nprocess.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(cluster.adminToken)} } }));\n`);
  const execConfig = kubeconfigFor(cluster, 'exec', { user: `    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${process.execPath}\n      args: [${plugin}]\n      interactiveMode: Never` });
  const byExec = await runCluster({ configPath: emptyConfig, connection: { kubeconfig: execConfig }, read: { namespaces: ['shop'] } });
  assert.ok(existsSync(ran), 'the plugin ran');
  same(byExec);
  // proxy-url: every connection goes through the CONNECT proxy.
  const proxy = await startConnectProxy();
  try {
    const proxied = kubeconfigFor(cluster, 'proxied', { proxyUrl: proxy.url });
    const viaProxy = await runCluster({ configPath: emptyConfig, connection: { kubeconfig: proxied }, read: { namespaces: ['shop'] } });
    same(viaProxy);
    assert.ok(proxy.tunnels.length >= 1, 'tunnelled');
    assert.ok(proxy.tunnels.every((t) => t === new URL(cluster.url).host), proxy.tunnels.join(', '));
  } finally {
    await proxy.stop();
  }
  // A token the API server does not know: one clear error, not a list of warnings.
  const wrong = kubeconfigFor(cluster, 'wrong', { token: 'not-a-token' });
  await assert.rejects(runCluster({ configPath: emptyConfig, connection: { kubeconfig: wrong } }), /401 Unauthorized/);
});

test('KUBECONFIG with several files is merged as kubectl merges it; --context picks from any of them', { skip }, async () => {
  const first = kubeconfigFor(cluster, 'wrong-first', { token: 'not-a-token' });
  const second = kubeconfigFor(cluster, 'right-second');
  // A file that is absent is skipped; a cluster name both files use is taken from the first.
  const duplicate = join(cluster.dir, 'kubeconfig-duplicate');
  writeFileSync(duplicate, readFileSync(second, 'utf8').replace(`server: ${cluster.url}`, 'server: https://127.0.0.1:1'));
  const env = { ...process.env, KUBECONFIG: `${join(cluster.dir, 'absent')}:${first}:${second}:${duplicate}` };
  // The first file's current context wins, as in kubectl: its token is refused.
  await assert.rejects(runCluster({ configPath: emptyConfig, connection: { env }, read: { namespaces: ['shop'] } }), /401/);
  const picked = await runCluster({ configPath: emptyConfig, connection: { env, context: 'right-second' }, read: { namespaces: ['shop'] } });
  assert.equal(picked.context, 'right-second');
  assert.ok(picked.result.findings.some((f) => f.ruleId === 'privileged-container'));
});
