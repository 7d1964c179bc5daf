import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupOwnedPods } from '../../../src/sources/kubernetes/group-owned-pods.js';
import { kubeModel } from '../../support/kube-fixtures.js';
import { clusterDump } from '../../support/cluster-dump.js';

const names = (model: ReturnType<typeof kubeModel>): string[] =>
  model.workloads.map((w) => `${w.namespace}/${w.name}[${w.kind}]${w.variant ? JSON.stringify(w.variant) : ''}`).sort();

test('pods of a live dump group into their owners, named as np-guard names them', () => {
  const model = kubeModel({ path: 'dump.json', text: JSON.stringify(clusterDump()) });
  assert.equal(model.workloads.length, 16, 'one workload per pod before grouping');
  groupOwnedPods(model);
  assert.deepEqual(names(model), [
    'kube-system/coredns[Deployment]',
    'kube-system/kube-apiserver-node-0[Pod]',
    'kube-system/node-exporter[DaemonSet]',
    'monitoring/debug-shell[Pod]',
    'payments/gateway[Deployment]',
    'payments/report[CronJob]',
    'shop/db[StatefulSet]',
    'shop/web[Deployment]{"track":"canary"}',
    'shop/web[Deployment]{"track":"stable"}',
  ]);
  const db = model.workloads.find((w) => w.name === 'db')!;
  assert.deepEqual(db.groupedPods, ['db-0', 'db-1', 'db-2']);
  assert.equal(db.labels['statefulset.kubernetes.io/pod-name'], undefined, 'per-pod labels are not the group\'s');
  assert.equal(db.containers[0]!.resource.kind, 'StatefulSet');
  // Image references follow: one per group, not one per pod.
  assert.equal(model.imageRefs.filter((r) => r.resource.name === 'web').length, 2);
  assert.equal(model.imageRefs.filter((r) => r.resource.kind === 'Pod' && r.resource.name?.startsWith('coredns')).length, 0);
  // Idempotent.
  const before = names(model);
  groupOwnedPods(model);
  assert.deepEqual(names(model), before);
});

const rsPod = (name: string, labels: string, owner: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ns
  labels: {${labels}}
  ownerReferences: [{apiVersion: apps/v1, kind: ${owner.split('/')[0]}, name: ${owner.split('/')[1]}, controller: true}]
spec: {containers: [{name: c, image: x:1}]}
`;

test('a ReplicaSet belongs to a Deployment only when its owner, the hash label or a Deployment shows it', () => {
  const noHash = kubeModel(rsPod('api-abc-1', 'app: api', 'ReplicaSet/api-abc'));
  groupOwnedPods(noHash);
  assert.deepEqual(names(noHash), ['ns/api-abc[ReplicaSet]'], 'nothing says the name ends in a hash');
  const withDeployment = kubeModel(`${rsPod('api-abc-1', 'app: api', 'ReplicaSet/api-abc')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: ns}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c, image: x:1}]}}}\n`);
  groupOwnedPods(withDeployment);
  assert.deepEqual(names(withDeployment), ['ns/api[Deployment]'], 'the pod folds into the Deployment manifest beside it');
  const rsOwned = kubeModel(`${rsPod('api-abc-1', 'app: api', 'ReplicaSet/api-abc')}---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: api-abc, namespace: ns, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api-server, controller: true}]}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c, image: x:1}]}}}\n`);
  groupOwnedPods(rsOwned);
  assert.deepEqual(names(rsOwned), ['ns/api-server[Deployment]'], 'the ReplicaSet and its pod are the Deployment its owner names');
  const rollout = kubeModel(rsPod('api-abc-1', 'app: api, pod-template-hash: abc', 'ReplicaSet/api-abc'), rsPod('api-def-1', 'app: api, pod-template-hash: def', 'ReplicaSet/api-def'));
  groupOwnedPods(rollout);
  assert.deepEqual(names(rollout), ['ns/api[Deployment]{"pod-template-hash":"abc"}', 'ns/api[Deployment]{"pod-template-hash":"def"}'], 'two revisions mid-rollout stay apart');
});

test('a per-pod label a NetworkPolicy selects on keeps pods apart', () => {
  const sts = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: db-${i}\n  namespace: ns\n  labels: {app: db, statefulset.kubernetes.io/pod-name: db-${i}}\n  ownerReferences: [{kind: StatefulSet, name: db, controller: true}]\nspec: {containers: [{name: c, image: x:1}]}\n`;
  const plain = kubeModel(sts(0), sts(1));
  groupOwnedPods(plain);
  assert.equal(plain.workloads.length, 1);
  const selected = kubeModel(sts(0), sts(1), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: primary, namespace: ns}\nspec: {podSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: db-0}}}\n');
  groupOwnedPods(selected);
  assert.equal(selected.workloads.length, 2);
});
