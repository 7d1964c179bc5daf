import { test } from 'node:test';
import assert from 'node:assert/strict';
import { originOf, withoutServerFields } from '../../../src/sources/cluster/provenance.js';
import { withoutServerDefaults } from '../../../src/sources/cluster/server-defaults.js';

const obj = (annotations: Record<string, string> = {}, labels: Record<string, string> = {}) => ({ metadata: { name: 'web', annotations, labels } });

test('origin from Argo CD, Flux, Helm and kubectl apply, in that order of precedence', () => {
  assert.deepEqual(originOf(obj({ 'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:shop/web' })), { tool: 'argocd', name: 'shop', detail: 'Argo CD application shop (tracking id shop:apps/Deployment:shop/web)' });
  assert.deepEqual(originOf(obj({ 'argocd.argoproj.io/tracking-id': 'argocd_shop:apps/Deployment:shop/web' }))?.namespace, 'argocd');
  assert.deepEqual(originOf(obj({}, { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' })), { tool: 'flux', name: 'apps', namespace: 'flux-system', detail: 'Flux Kustomization flux-system/apps' });
  assert.equal(originOf(obj({}, { 'helm.toolkit.fluxcd.io/name': 'redis', 'helm.toolkit.fluxcd.io/namespace': 'data' }))?.detail, 'Flux HelmRelease data/redis');
  assert.equal(originOf(obj({ 'meta.helm.sh/release-name': 'agent', 'meta.helm.sh/release-namespace': 'ops' }))?.detail, 'Helm release ops/agent');
  // A Flux-deployed Helm chart carries both: Flux is what to change.
  assert.equal(originOf(obj({ 'meta.helm.sh/release-name': 'redis' }, { 'helm.toolkit.fluxcd.io/name': 'redis' }))?.tool, 'flux');
  assert.equal(originOf(obj({}, { 'argocd.argoproj.io/instance': 'shop' }))?.tool, 'argocd');
  assert.equal(originOf(obj({ 'kubectl.kubernetes.io/last-applied-configuration': '{}' }))?.tool, 'kubectl');
  assert.equal(originOf(obj()), undefined);
  assert.equal(originOf({}), undefined);
});

test('server fields are dropped: status, managedFields, the last-applied copy', () => {
  const o = { kind: 'Pod', metadata: { name: 'p', managedFields: [{}], annotations: { a: 'b', 'kubectl.kubernetes.io/last-applied-configuration': '{"big":1}' } }, spec: {}, status: { phase: 'Running' } };
  assert.deepEqual(withoutServerFields(o), { kind: 'Pod', metadata: { name: 'p', annotations: { a: 'b' } }, spec: {} });
  // The object listed is not changed.
  assert.ok(o.status && o.metadata.managedFields);
});

test('an imagePullPolicy equal to the server default is taken as not written, unless last-applied wrote it', () => {
  const pod = (containers: unknown[], applied?: unknown) => ({ kind: 'Pod', metadata: { name: 'p', ...(applied !== undefined && { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) } }) }, spec: { containers } });
  const policies = (o: any) => o.spec.containers.map((c: any) => c.imagePullPolicy);
  assert.deepEqual(policies(withoutServerDefaults(pod([
    { name: 'a', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' },
    { name: 'b', image: 'nginx', imagePullPolicy: 'Always' },
    { name: 'c', image: 'nginx:1.27', imagePullPolicy: 'Always' },
    { name: 'd', image: 'nginx:latest', imagePullPolicy: 'IfNotPresent' },
    { name: 'e', image: 'nginx@sha256:' + 'a'.repeat(64), imagePullPolicy: 'IfNotPresent' },
  ]))), [undefined, undefined, 'Always', 'IfNotPresent', undefined]);
  const written = withoutServerDefaults(pod([{ name: 'a', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }], { spec: { containers: [{ name: 'a', imagePullPolicy: 'IfNotPresent' }] } }));
  assert.deepEqual(policies(written), ['IfNotPresent']);
  const deployment: any = { kind: 'Deployment', spec: { template: { spec: { initContainers: [{ name: 'i', image: 'x:1', imagePullPolicy: 'IfNotPresent' }], containers: [] } } } };
  withoutServerDefaults(deployment);
  assert.equal(deployment.spec.template.spec.initContainers[0].imagePullPolicy, undefined);
});
