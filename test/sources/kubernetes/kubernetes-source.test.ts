import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKubernetes, kubernetesSource } from '../../../src/sources/kubernetes/kubernetes-source.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import { emptyModel } from '../../../src/model/scan-model.js';
import type { ScanError } from '../../../src/model/finding.js';
import { scanText } from '../../support/scan-source.js';

function load(text: string, path = 'm.yaml') {
  const model = emptyModel();
  const errors: ScanError[] = [];
  parseKubernetes(sourceFile(path, text), model, errors);
  return { model, errors };
}

const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: jobs
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: nightly}
        spec:
          hostPID: true
          securityContext:
            runAsUser: 1000
            runAsNonRoot: true
            seccompProfile: {type: RuntimeDefault}
          initContainers:
            - name: init
              image: busybox
          containers:
            - name: main
              image: registry.example.com/tools/job:1.2
              securityContext:
                runAsUser: 0
                allowPrivilegeEscalation: false
                capabilities:
                  drop: [all]
                  add: ["CAP_NET_ADMIN"]
              env:
                - name: DB_PASSWORD
                  valueFrom:
                    secretKeyRef: {name: db, key: password}
                - name: MODE
                  value: fast
              envFrom:
                - secretRef: {name: all-secrets}
              resources:
                limits: {memory: 128Mi}
              ports:
                - containerPort: 8080
                  hostPort: 8080
              volumeMounts:
                - {name: sock, mountPath: /var/run/docker.sock}
                - {name: cache, mountPath: /cache, readOnly: true}
          volumes:
            - name: sock
              hostPath: {path: /var/run/docker.sock}
            - name: cache
              emptyDir: {medium: Memory}
`;

test('a CronJob yields its pod template with effective security settings', () => {
  const { model, errors } = load(cronJob);
  assert.deepEqual(errors, []);
  assert.equal(model.workloads.length, 1);
  const w = model.workloads[0]!;
  assert.equal(w.kind, 'CronJob');
  assert.equal(w.namespace, 'jobs');
  assert.deepEqual(w.labels, { app: 'nightly' });
  assert.equal(w.hostPID?.value, true);
  assert.equal(w.hostPID?.loc.startLine, 14);
  assert.deepEqual(w.containers.map((c) => [c.name?.value, c.role]), [['main', 'container'], ['init', 'init']]);
  const main = w.containers[0]!;
  // container runAsUser overrides the pod's, with the container field's location
  assert.equal(main.user?.value, '0');
  assert.deepEqual([main.user?.loc.startLine, main.user?.loc.startColumn], [26, 28]);
  // runAsNonRoot comes from the pod level
  assert.equal(main.runAsNonRoot?.value, true);
  assert.equal(main.runAsNonRoot?.loc.startLine, 17);
  assert.equal(main.seccompProfile?.value, 'RuntimeDefault');
  assert.equal(main.noNewPrivileges?.value, true);
  assert.deepEqual(main.capDrop.map((c) => c.value), ['ALL']);
  assert.deepEqual(main.capAdd.map((c) => c.value), ['NET_ADMIN']);
  assert.equal(main.env[0]!.secretRef?.value, 'db');
  assert.equal(main.env[1]!.value?.value, 'fast');
  assert.equal(main.envFromSecrets[0]!.value, 'all-secrets');
  assert.equal(main.memoryLimit?.value, '128Mi');
  assert.equal(main.cpuLimit, undefined);
  assert.equal(main.ports[0]!.hostPort?.value, 8080);
  const [sock, cache] = main.mounts;
  assert.equal(sock!.kind, 'host');
  assert.equal(sock!.source?.value, '/var/run/docker.sock');
  assert.equal(sock!.source?.loc.startLine, 49);
  assert.equal(sock!.readOnly, undefined);
  assert.equal(cache!.kind, 'tmpfs');
  assert.equal(cache!.options, undefined);
  assert.equal(cache!.readOnly?.value, true);
  assert.deepEqual(main.resource, { kind: 'CronJob', namespace: 'jobs', name: 'nightly', container: 'main' });
  // init container has no container-level settings: pod runAsUser applies
  assert.equal(w.containers[1]!.user?.value, '1000');
  assert.equal(model.imageRefs.length, 2);
});

test('Lists, JSON and every workload kind share the pod-template view', () => {
  const kinds = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'PodTemplate'];
  const items = kinds.map((kind) => {
    const pod = { metadata: { labels: { k: kind } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } };
    const body = kind === 'Pod' ? { spec: pod.spec } : kind === 'PodTemplate' ? { template: pod } : { spec: { template: pod } };
    return { apiVersion: 'v1', kind, metadata: { name: kind.toLowerCase() }, ...body };
  });
  const { model, errors } = load(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2), 'list.json');
  assert.deepEqual(errors, []);
  assert.deepEqual(model.workloads.map((w) => w.kind), kinds);
  for (const w of model.workloads) assert.equal(w.containers[0]!.image?.value, 'nginx:1');
  assert.equal(model.kubeObjects.length, kinds.length);
});

test('Namespace, ServiceAccount and NetworkPolicy are kept as objects', () => {
  const { model } = load(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: a}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n`);
  assert.deepEqual(model.kubeObjects.map((o) => o.kind), ['Namespace', 'NetworkPolicy', 'ServiceAccount']);
  assert.deepEqual(model.kubeObjects[0]!.labels, { team: 'a' });
  assert.equal(model.kubeObjects[0]!.loc.startLine, 4);
  assert.equal(model.workloads.length, 0);
});

test('malformed YAML and wrong types are errors with a line, not crashes', () => {
  const bad = load('apiVersion: v1\nkind: Pod\nmetadata: {name: x\n');
  assert.equal(bad.errors.length, 1);
  assert.equal(bad.errors[0]!.code, 'parse');
  assert.ok(bad.errors[0]!.line! >= 3);
  const typed = load('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: {name: c}\n');
  assert.equal(typed.errors[0]!.code, 'schema');
  assert.equal(typed.errors[0]!.line, 5);
  assert.match(typed.errors[0]!.message, /containers must be a list/);
});

test('content detection wants apiVersion and kind', () => {
  assert.equal(kubernetesSource.matchesContent('apiVersion: v1\nkind: Pod\n', 'a.yaml'), true);
  assert.equal(kubernetesSource.matchesContent('services:\n  web: {}\n', 'a.yaml'), false);
  assert.equal(kubernetesSource.matchesContent('{\n  "apiVersion": "v1",\n  "kind": "List"\n}', 'a.json'), true);
});

test('the ignore annotation is recorded with its location', () => {
  const { model } = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seaworthy.io/ignore: "run-as-root -- batch job"\nspec:\n  containers: [{name: c, image: x:1}]\n');
  assert.equal(model.annotationSuppressions.length, 1);
  assert.equal(model.annotationSuppressions[0]!.loc.startLine, 6);
  assert.equal(model.workloads[0]!.annotations['seaworthy.io/ignore'], 'run-as-root -- batch job');
});

test('a workload without a pod template is a partial object (a Kustomize patch), not an error', () => {
  const { model, errors } = load('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n');
  assert.deepEqual(errors, []);
  assert.equal(model.workloads.length, 0);
  assert.equal(model.kubeObjects[0]!.kind, 'Deployment');
  // a template of the wrong type is still an error with its line
  const bad = load('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template: [1]\n');
  assert.equal(bad.errors[0]?.line, 6);
});

test('typed lists name the kind and apiVersion of items that carry none (API responses)', () => {
  const pod = (name: string) => ({ metadata: { name, namespace: 'shop', labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } });
  const podList = { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '1' }, items: [pod('a'), pod('b')] };
  const nsList = { apiVersion: 'v1', kind: 'NamespaceList', items: [{ metadata: { name: 'shop', labels: { team: 'x' } } }] };
  const deployList = { apiVersion: 'apps/v1', kind: 'DeploymentList', items: [{ metadata: { name: 'web' }, spec: { template: pod('web') } }] };
  const npList = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicyList', items: [{ metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {} } }] };
  // Compact JSON on one line, as an API response arrives.
  const json = load(JSON.stringify(podList), 'pods.json');
  assert.deepEqual(json.errors, []);
  assert.deepEqual(json.model.workloads.map((w) => `${w.kind}/${w.name}`), ['Pod/a', 'Pod/b']);
  assert.equal(json.model.kubeObjects[0]!.apiVersion, 'v1');
  assert.equal(kubernetesSource.matchesContent(JSON.stringify(podList), 'pods.json'), true);
  assert.equal(kubernetesSource.matchesContent(JSON.stringify(podList), '<stdin>'), true);
  // YAML, several typed lists in one stream.
  const yaml = [nsList, deployList, npList].map((l) => JSON.stringify(l)).join('\n---\n');
  const { model, errors } = load(yaml, 'dump.yaml');
  assert.deepEqual(errors, []);
  assert.deepEqual(model.kubeObjects.map((o) => `${o.apiVersion} ${o.kind} ${o.name}`), ['v1 Namespace shop', 'apps/v1 Deployment web', 'networking.k8s.io/v1 NetworkPolicy deny']);
  assert.deepEqual(model.kubeObjects[0]!.labels, { team: 'x' });
  assert.equal(model.workloads[0]!.containers[0]!.image?.value, 'nginx:1');
});

test('an item of an untyped List without kind is a schema error with its line; the others are read', () => {
  const { model, errors } = load('apiVersion: v1\nkind: List\nitems:\n- metadata: {name: nokind}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec: {containers: [{name: c, image: x:1}]}\n');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, 4);
  assert.match(errors[0]!.message, /List: an item without kind/);
  assert.deepEqual(model.workloads.map((w) => w.name), ['p']);
});

test('an item keeps its own kind and apiVersion inside a list of another kind', () => {
  const { model } = load('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: PodList\n  items:\n  - metadata: {name: inner}\n    spec: {containers: [{name: c, image: x:1}]}\n');
  assert.deepEqual(model.workloads.map((w) => `${w.kind}/${w.name}`), ['Pod/inner']);
});

test('a stream of JSON objects one after another is read as kubectl reads it: every object (Argo CD testdata/json-list)', () => {
  const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}}\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b"},\n "spec": {"containers": [{"name": "c", "image": "nginx:1.27", "securityContext": {"privileged": true}}]}}\n';
  const { errors, model } = scanText(kubernetesSource, 'list.json', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(model.kubeObjects.map((o) => o.name), ['a', 'b']);
  const b = model.workloads[1]!.containers[0]!;
  assert.equal(b.privileged?.value, true);
  assert.equal(b.privileged?.loc.startLine, 3, 'located in the file as written');
  // A broken object in the stream is a JSON error at its line.
  const broken = scanText(kubernetesSource, 'list.json', '{"apiVersion": "v1", "kind": "Pod"}\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x" "y"}}\n');
  assert.deepEqual(broken.errors.map((e) => [e.code, e.line]), [['parse', 2]]);
});
