/**
 * A generated `kubectl get pods,ns,netpol -A -o json` of a real-looking cluster:
 * pods made by ReplicaSets (with their `pod-template-hash`), a StatefulSet, a
 * DaemonSet, a CronJob's Job, a static pod owned by its Node and a bare pod;
 * named container ports per protocol; namespaces with labels; policies using
 * named ports. Everything as the API server fills it in (uids, status, IPs).
 */
type Obj = Record<string, unknown>;

export interface DumpOptions {
  /** Replicas of shop's web Deployment. */
  webReplicas?: number;
}

let counter = 0;
const uid = (): string => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

function ownerRef(kind: string, name: string, apiVersion = 'apps/v1'): Obj {
  return { apiVersion, kind, name, uid: uid(), controller: true, blockOwnerDeletion: true };
}

function pod(namespace: string, name: string, labels: Record<string, string>, containers: Obj[], owner?: Obj, extra: Obj = {}): Obj {
  const n = ++counter;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace, uid: uid(), resourceVersion: String(1000 + n), creationTimestamp: '2026-11-20T10:00:00Z', labels,
      ...(owner && { ownerReferences: [owner] }),
    },
    spec: { containers, restartPolicy: 'Always', serviceAccountName: 'default', nodeName: `node-${n % 3}`, ...extra },
    status: { phase: 'Running', hostIP: `10.0.0.${n % 3 + 1}`, podIP: `10.244.${n % 3}.${n % 250}`, podIPs: [{ ip: `10.244.${n % 3}.${n % 250}` }] },
  };
}

function container(name: string, image: string, ports: Obj[] = [], securityContext?: Obj): Obj {
  return { name, image, ports, ...(securityContext && { securityContext }) };
}

function namespace(name: string, labels: Record<string, string> = {}): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: uid(), labels: { 'kubernetes.io/metadata.name': name, ...labels } }, status: { phase: 'Active' } };
}

function policy(namespace: string, name: string, spec: Obj): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace, uid: uid(), generation: 1 }, spec };
}

const suffix = (i: number): string => ['x7k2p', 'b9qmd', 'z4wrt', 'c8hvn', 'm2jfs'][i % 5]! + (i >= 5 ? String(i) : '');

/** The dump as `kubectl get pods,ns,netpol -A -o json` prints it: one `List` of typed items. */
export function clusterDump(options: DumpOptions = {}): Obj {
  counter = 0;
  const items: Obj[] = [];
  items.push(namespace('shop', { team: 'shop' }), namespace('payments', { team: 'payments' }), namespace('kube-system'), namespace('monitoring'));

  // shop/web: a Deployment's ReplicaSet; one pod relabelled as canary by hand.
  const webHash = '5d9c7b8f4';
  const webRs = ownerRef('ReplicaSet', `web-${webHash}`);
  const webReplicas = options.webReplicas ?? 3;
  for (let i = 0; i < webReplicas; i++) {
    const track = i === webReplicas - 1 && webReplicas > 1 ? 'canary' : 'stable';
    items.push(pod('shop', `web-${webHash}-${suffix(i)}`, { app: 'web', track, 'pod-template-hash': webHash },
      [container('web', 'registry.example.com/shop/web:2.4.1', [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], { privileged: true })], webRs));
  }
  // shop/db: a StatefulSet; every pod carries its own name and index labels.
  for (let i = 0; i < 3; i++) {
    items.push(pod('shop', `db-${i}`, { app: 'db', 'controller-revision-hash': 'db-6b8f9c7d5', 'statefulset.kubernetes.io/pod-name': `db-${i}`, 'apps.kubernetes.io/pod-index': String(i) },
      [container('pg', 'postgres:16.4', [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }])], ownerRef('StatefulSet', 'db')));
  }
  // payments/gateway: a Deployment, HTTPS on a named port.
  for (let i = 0; i < 2; i++) {
    items.push(pod('payments', `gateway-7f6d5c4b3a-${suffix(i)}`, { app: 'gateway', 'pod-template-hash': '7f6d5c4b3a' },
      [container('gw', 'registry.example.com/payments/gateway:1.9', [{ name: 'https', containerPort: 8443, protocol: 'TCP' }])], ownerRef('ReplicaSet', 'gateway-7f6d5c4b3a')));
  }
  // payments/report: a CronJob's Job (named after the scheduled minute) and its pod.
  items.push(pod('payments', 'report-29412345-q8v2n', { app: 'report', 'batch.kubernetes.io/job-name': 'report-29412345', 'job-name': 'report-29412345', 'controller-uid': uid(), 'batch.kubernetes.io/controller-uid': uid() },
    [container('report', 'registry.example.com/payments/report:3')], ownerRef('Job', 'report-29412345', 'batch/v1'), { restartPolicy: 'OnFailure' }));
  // kube-system: CoreDNS serves DNS on UDP and TCP under different names.
  for (let i = 0; i < 2; i++) {
    items.push(pod('kube-system', `coredns-76f75df574-${suffix(i)}`, { 'k8s-app': 'kube-dns', 'pod-template-hash': '76f75df574' },
      [container('coredns', 'registry.k8s.io/coredns/coredns:v1.11.1', [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
      ])], ownerRef('ReplicaSet', 'coredns-76f75df574')));
  }
  for (let i = 0; i < 3; i++) {
    items.push(pod('kube-system', `node-exporter-${suffix(i)}`, { app: 'node-exporter', 'controller-revision-hash': '6c9d8f7b5', 'pod-template-generation': '1' },
      [container('exporter', 'quay.io/prometheus/node-exporter:v1.8.2', [{ name: 'metrics', containerPort: 9100, protocol: 'TCP' }])], ownerRef('DaemonSet', 'node-exporter'), { hostNetwork: true }));
  }
  // A static pod: its mirror is owned by the Node, so it stays a Pod of its own.
  items.push(pod('kube-system', 'kube-apiserver-node-0', { component: 'kube-apiserver', tier: 'control-plane' },
    [container('kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.31.0', [{ name: 'https', containerPort: 6443, protocol: 'TCP' }])], { apiVersion: 'v1', kind: 'Node', name: 'node-0', uid: uid(), controller: true }, { hostNetwork: true }));
  // monitoring: a bare pod someone ran by hand.
  items.push(pod('monitoring', 'debug-shell', { run: 'debug-shell' }, [container('sh', 'busybox:1.36')]));

  items.push(
    policy('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 'dns' }, { protocol: 'TCP', port: 'dns' }] }] }),
    policy('shop', 'web-from-anywhere', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] }),
    policy('shop', 'db-from-web', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web', track: 'stable' } } }], ports: [{ port: 'pg' }] }] }),
    policy('shop', 'web-to-db-and-gateway', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [
      { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 'pg' }] },
      { to: [{ namespaceSelector: { matchLabels: { team: 'payments' } }, podSelector: { matchLabels: { app: 'gateway' } } }], ports: [{ port: 'https' }, { port: 'http' }] },
    ] }),
    policy('payments', 'gateway-from-shop', { podSelector: { matchLabels: { app: 'gateway' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }], ports: [{ port: 'https' }] }] }),
    policy('payments', 'report-no-ingress', { podSelector: { matchLabels: { app: 'report' } }, policyTypes: ['Ingress'] }),
  );
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}
