/**
 * Checking files as they are read (scan/check-as-read.ts) must report exactly what
 * one pass of every rule over the whole model reports: same findings in the same
 * order, same errors, warnings and suppressions. Each corpus is scanned both ways;
 * the cross-file cases (Pod Security labels on a Namespace read after its
 * workloads, LimitRange defaults, NetworkPolicies, ServiceAccounts, RBAC, a pod
 * dump grouped into its owner, suppressions) are built here, the rest are the
 * examples, the real-repository fixtures and the Pod Security Admission corpus.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runScan, type RunScanOptions } from '../../src/scan/run-scan.js';
import { emptyModel } from '../../src/model/scan-model.js';
import { CheckAsRead } from '../../src/scan/check-as-read.js';
import { DEFAULT_SETTINGS } from '../../src/scan/scan.js';
import { rules } from '../../src/rules/index.js';
import { parseWith } from '../../src/scan/parse-file.js';
import { kubernetesSource } from '../../src/sources/kubernetes/kubernetes-source.js';
import { conformanceDir, needConformance, repoRoot } from '../support/prerequisites.js';
import type { ScanResult } from '../../src/report/scan-result.js';

let dir: string;

const deployment = (name: string, ns: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:${extra}
      containers:
        - name: app
          image: registry.example.com/${name}:1.0
          ports: [{containerPort: 8080, name: http}]
          securityContext:
            allowPrivilegeEscalation: true
`;

const files: Record<string, string> = {
  '.seaworthy.yaml': 'rules:\n  missing-mtls:\n    enabled: true\n',
  // Workloads first: their Namespace, read last, decides Pod Security.
  'a-apps/web.yaml': deployment('web', 'shop') + '---\n' + deployment('api', 'shop', '\n      hostNetwork: true\n      automountServiceAccountToken: false'),
  'a-apps/batch.yaml': deployment('batch', 'jobs') + '---\n' + deployment('plain', 'default'),
  'a-apps/limited.yaml': deployment('limited', 'capped') + '---\n' + deployment('podlimits', 'jobs', '\n      resources:\n        limits: {cpu: "1", memory: 1Gi}'),
  'a-apps/ignored.yaml': '# seaworthy-ignore-file privilege-escalation-allowed -- fixture\n' + deployment('quiet', 'shop'),
  'a-apps/annotated.yaml': deployment('tagged', 'shop').replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    seaworthy.io/ignore: "privilege-escalation-allowed -- fixture"\n'),
  // A pod dump whose pods fold into a Deployment read in another file.
  'b-dump/pods.yaml': `apiVersion: v1
kind: List
items:
${[1, 2, 3]
  .map(
    (i) => `  - apiVersion: v1
    kind: Pod
    metadata:
      name: web-5d9c7b-${i}
      namespace: shop
      labels: {app: web, pod-template-hash: 5d9c7b}
      ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d9c7b, controller: true, uid: u${i}}]
    spec:
      containers: [{name: app, image: "registry.example.com/web:1.0"}]
  - apiVersion: v1
    kind: Pod
    metadata:
      name: orphan-7f-${i}
      namespace: jobs
      labels: {app: orphan, pod-template-hash: 7f}
      ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: orphan-7f, controller: true, uid: o${i}}]
    spec:
      containers: [{name: app, image: "nginx", securityContext: {privileged: true}}]`,
  )
  .join('\n')}
`,
  'c-policy/netpol.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: jobs}
spec:
  podSelector: {matchLabels: {app: batch}}
  ingress: [{}]
`,
  'c-policy/limits.yaml': `apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: capped}
spec:
  limits: [{type: Container, default: {cpu: 500m, memory: 256Mi}}]
`,
  'c-policy/rbac.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: jobs}
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: everything, namespace: shop}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: everything, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: everything}
subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
`,
  'd-compose/compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    build: .\n',
  'd-compose/Containerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER app\n',
  'd-compose/run.sh': '#!/bin/sh\npodman run -d -p 8080:80 --privileged nginx\n',
  // Read last: labels that ask for Pod Security, a Namespace named twice (the last wins), a mesh.
  'z-namespaces.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: baseline
    pod-security.kubernetes.io/warn-version: v1.25
    istio-injection: enabled
---
apiVersion: v1
kind: Namespace
metadata:
  name: jobs
  labels: {pod-security.kubernetes.io/enforce: baseline}
---
apiVersion: v1
kind: Namespace
metadata:
  name: capped
  labels: {pod-security.kubernetes.io/audit: restricted}
---
apiVersion: v1
kind: Namespace
metadata:
  name: capped
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: PERMISSIVE}}
`,
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'seaworthy-as-read-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Scans both ways and wants the same result; returns the result checked as read. */
async function bothWays(paths: string[], options: RunScanOptions = {}): Promise<ScanResult> {
  const whole = await runScan(paths, { ...options, checkAsRead: false });
  const asRead = await runScan(paths, options);
  assert.deepEqual(plain(asRead.result), plain(whole.result));
  return asRead.result;
}

const plain = (r: ScanResult) => JSON.parse(JSON.stringify({ findings: r.findings, errors: r.errors, warnings: r.warnings, accepted: r.accepted, suppressed: r.suppressed, scanned: r.scanned }));

test('cross-file cases: the same report as checking the whole model', async () => {
  const result = await bothWays([dir]);
  const ids = new Set(result.findings.map((f) => f.ruleId));
  // The corpus reaches every kind of cross-file rule, or the comparison proves little.
  for (const id of ['pod-security-restricted', 'pod-security-baseline', 'missing-mtls', 'workload-not-isolated', 'rbac-wildcard', 'missing-cpu-limit', 'service-account-token-mounted', 'network-policy-allows-all', 'privileged-container']) {
    assert.ok(ids.has(id), `no ${id} finding`);
  }
  // Pod Security came from labels read after the workloads (the file was read again).
  assert.ok(result.findings.some((f) => f.ruleId === 'pod-security-restricted' && f.message.includes('namespace "shop" enforces') && f.location.file.endsWith('web.yaml')));
  // The last Namespace "capped" has no labels: nothing is judged there.
  assert.ok(!result.findings.some((f) => f.ruleId.startsWith('pod-security-') && f.location.file.endsWith('limited.yaml')));
  // The LimitRange's defaults cover "limited".
  assert.ok(!result.findings.some((f) => f.ruleId === 'missing-cpu-limit' && f.location.file.endsWith('limited.yaml')));
  // Pod-level limits cover "podlimits" (kept through slimming).
  assert.ok(!result.findings.some((f) => f.ruleId === 'missing-memory-limit' && f.resource?.name === 'podlimits'));
  // Three pods of one ReplicaSet whose Deployment is scanned: no finding names a pod.
  assert.ok(!result.findings.some((f) => f.resource?.name?.startsWith('web-5d9c7b')));
  assert.ok(result.findings.some((f) => f.ruleId === 'privileged-container' && f.location.file.endsWith('pods.yaml')));
  assert.ok((result.suppressed ?? 0) >= 2, 'the comment and the annotation suppress');
});

test('with only per-file rules chosen, dumped pods still fold into their owner: the same report', async () => {
  const result = await bothWays([dir], { overrides: { only: ['capabilities-not-dropped'] } });
  assert.ok(result.findings.some((f) => f.resource?.name === 'web'));
  assert.ok(!result.findings.some((f) => f.resource?.name?.startsWith('web-5d9c7b')), 'the pods of Deployment web were judged as pods');
});

test('an explicit Pod Security level is checked per file: the same report', async () => {
  await bothWays([dir], { overrides: { podSecurity: { level: 'restricted', version: 'v1.29' } } });
});

test('the examples and the real-repository fixtures: the same report', async () => {
  // Quadlet units make a scan check the whole model; without them the rest is checked as read.
  for (const sub of ['examples/insecure', 'examples/hardened']) {
    await bothWays([resolve(repoRoot, sub)], { overrides: { exclude: ['*.container', '*.pod'] } });
    await bothWays([resolve(repoRoot, sub)]);
  }
  await bothWays([resolve(repoRoot, 'test/fixtures/real-repos')]);
});

test('standard input: the same report', async () => {
  await bothWays(['-'], { stdin: files['a-apps/web.yaml']!, stdinFilename: 'web.yaml' });
});

const psaSkip = needConformance('pod-security-admission');
test('the Pod Security Admission corpus, by labels and by level: the same report', { skip: psaSkip }, async () => {
  const psa = resolve(conformanceDir, 'pod-security-admission');
  const labelled = join(dir, 'psa');
  mkdirSync(labelled, { recursive: true });
  writeFileSync(join(labelled, 'zz-namespace.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  labels: {pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/warn: baseline}\n');
  const result = await bothWays([psa, labelled]);
  assert.ok(result.findings.filter((f) => f.ruleId === 'pod-security-restricted').length > 100, 'the labelled namespace judged the corpus');
  await bothWays([psa], { overrides: { podSecurity: { level: 'baseline', version: 'latest' } } });
});

test('a file that changed before it was read again says so instead of judging it', async () => {
  const d = mkdtempSync(join(tmpdir(), 'seaworthy-as-read-changed-'));
  try {
    const path = join(d, 'web.yaml');
    const text = deployment('web', 'shop');
    writeFileSync(path, text);
    const model = emptyModel();
    const checker = new CheckAsRead(model, { rules: rules.filter((r) => r.id.startsWith('pod-security-')), settings: DEFAULT_SETTINGS });
    const mark = checker.mark();
    parseWith(kubernetesSource, { path, text }, model, []);
    checker.afterFile(path, mark, true);
    assert.equal(model.files.get(path)?.dropped, true, 'the text was let go');
    assert.equal(model.workloads[0]!.pod!.slim, true, 'the pod was slimmed');
    assert.deepEqual(Object.keys(model.workloads[0]!.pod!.spec), ['containers']);
    parseWith(kubernetesSource, { path: join(d, 'ns.yaml'), text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/enforce: restricted}\n' }, model, []);
    writeFileSync(path, '# moved down\n' + text);
    const errors: { message: string }[] = [];
    const findings = await checker.finish(errors as never, 10_000, 1 << 20);
    assert.equal(findings.length, 0);
    assert.match(errors[0]?.message ?? '', /changed while it was scanned/);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
