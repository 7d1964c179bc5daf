/**
 * missing-mtls: with a service mesh, traffic between pods is encrypted and
 * authenticated only for pods that carry the mesh's proxy, and Istio accepts
 * plain text until a PeerAuthentication makes mTLS STRICT. Off by default: a
 * cluster without a mesh cannot act on it. Options: `{ mesh: 'istio' | 'linkerd' }`
 * limits the signals to that mesh (both count when unset).
 *
 * Istio: sidecar injection by the namespace label `istio-injection=enabled` or
 * `istio.io/rev`, or the pod label/annotation `sidecar.istio.io/inject: "true"`
 * (`"false"` on the pod opts out); a PeerAuthentication with `mtls.mode: STRICT`
 * covers its namespace (no selector), the pods its selector matches, or the whole
 * mesh from the root namespace `istio-system`. Linkerd: the annotation
 * `linkerd.io/inject: enabled` on the namespace or pod template (`disabled` on the
 * pod opts out); Linkerd's proxies use mTLS between meshed pods by default.
 */
import type { KubeObject } from '../model/kube-object.js';
import type { Workload } from '../model/workload.js';
import { matchesSelector, parseSelector, podOf } from '../network/index.js';
import { defineRule } from './rule.js';

type Mesh = 'istio' | 'linkerd';

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

function meshesOf(options: unknown): Mesh[] {
  const mesh = (options as { mesh?: unknown } | undefined)?.mesh;
  return mesh === 'istio' || mesh === 'linkerd' ? [mesh] : ['istio', 'linkerd'];
}

/** Why the workload's traffic is protected, or undefined. */
function protection(w: Workload, namespace: KubeObject | undefined, peerAuths: readonly KubeObject[], meshes: readonly Mesh[]): string | undefined {
  const pod = podOf(w);
  const podAnnotations = stringMap(w.pod?.metadata['annotations']);
  const nsLabels = namespace?.labels ?? {};
  const nsAnnotations = namespace?.annotations ?? {};
  if (meshes.includes('istio')) {
    const podSays = pod.labels['sidecar.istio.io/inject'] ?? podAnnotations['sidecar.istio.io/inject'];
    const nsInjects = nsLabels['istio-injection'] === 'enabled' || nsLabels['istio.io/rev'] !== undefined;
    if (podSays !== 'false' && (nsInjects || podSays === 'true')) return 'istio';
    for (const pa of peerAuths) {
      const spec = (pa.value['spec'] ?? {}) as Record<string, unknown>;
      const mode = ((spec['mtls'] ?? {}) as Record<string, unknown>)['mode'];
      if (mode !== 'STRICT') continue;
      const selector = spec['selector'] === undefined || spec['selector'] === null ? undefined : parseSelector(spec['selector']);
      const paNs = pa.namespace ?? 'default';
      if (paNs === 'istio-system' && !selector) return 'istio';
      if (paNs === pod.namespace && (!selector || matchesSelector(selector, pod.labels))) return 'istio';
    }
  }
  if (meshes.includes('linkerd')) {
    const podSays = podAnnotations['linkerd.io/inject'];
    if (podSays !== 'disabled' && (podSays === 'enabled' || nsAnnotations['linkerd.io/inject'] === 'enabled')) return 'linkerd';
  }
  return undefined;
}

export default defineRule({
  id: 'missing-mtls',
  title: 'Workload traffic not protected by mutual TLS',
  severity: 'medium',
  inputs: ['K8S'],
  crossFile: true,
  defaultOff: true,
  rationale:
    'Inside a cluster, pod-to-pod traffic is plain text and any pod can claim to be any client. A service mesh encrypts it and authenticates both ends with workload certificates, but only for pods that carry its proxy, and Istio keeps accepting plain text until mTLS is made STRICT.',
  remedy:
    'Enable sidecar injection for the namespace (`istio-injection: enabled` or `istio.io/rev`; Linkerd `linkerd.io/inject: enabled`) and, for Istio, add a PeerAuthentication with `mtls.mode: STRICT` for the namespace or the mesh.',
  references: [
    { title: 'Istio: Mutual TLS migration and PeerAuthentication', url: 'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/' },
    { title: 'Linkerd: Automatic mTLS', url: 'https://linkerd.io/2/features/automatic-mtls/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Network separation and hardening (encrypt traffic)' },
  ],
  details:
    'Off by default; switch it on with the mesh in use: `rules: { missing-mtls: { enabled: true, options: { mesh: istio } } }`. Judged on the scanned files: a Namespace or PeerAuthentication that is not among them does not count.',
  messages: {
    unprotected: '{{kind}} "{{name}}" in namespace "{{namespace}}" has no {{mesh}} sidecar injection and no STRICT mTLS PeerAuthentication covers it, so its traffic is plain text.',
  },
  check(ctx) {
    const meshes = meshesOf(ctx.settings.options['missing-mtls']);
    const namespaces = new Map(ctx.kubeObjects('Namespace').map((n) => [n.name ?? '', n]));
    const peerAuths = ctx.kubeObjects('PeerAuthentication');
    for (const w of ctx.workloads()) {
      if (!w.pod) continue;
      const ns = podOf(w).namespace;
      if (protection(w, namespaces.get(ns), peerAuths, meshes)) continue;
      ctx.report({
        messageId: 'unprotected',
        data: { kind: w.kind, name: w.name ?? '(unnamed)', namespace: ns, mesh: meshes.length === 2 ? 'Istio or Linkerd' : meshes[0] === 'istio' ? 'Istio' : 'Linkerd' },
        loc: w.loc,
        target: w,
      });
    }
  },
});
