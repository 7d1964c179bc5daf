/**
 * Generates a realistic Kubernetes corpus: 5,000 manifests, each a Deployment and
 * a Service, every third with a ConfigMap, about 14 MB in all. Deterministic, so
 * runs compare.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const IMAGES = ['nginx:1.27', 'registry.example.com/shop/api:2.4.1', 'ghcr.io/acme/worker:v3', 'redis', 'docker.io/library/postgres:16', 'quay.io/prometheus/node-exporter:v1.8.0'];

export function manifest(i: number): string {
  const ns = `team-${i % 50}`;
  const app = `svc-${i}`;
  const image = IMAGES[i % IMAGES.length]!;
  const hardened = i % 4 === 0;
  const parts: string[] = [];
  parts.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${app}
    app.kubernetes.io/part-of: shop
    app.kubernetes.io/managed-by: helm
  annotations:
    meta.helm.sh/release-name: ${app}
spec:
  replicas: ${1 + (i % 3)}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
        app.kubernetes.io/part-of: shop
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      serviceAccountName: ${app}
${hardened ? `      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
` : ''}      initContainers:
        - name: migrate
          image: ${image}
          command: ["/bin/migrate", "--wait", "--timeout=60s"]
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: {name: ${app}-db, key: url}
      containers:
        - name: app
          image: ${image}
          imagePullPolicy: ${i % 5 === 0 ? 'Always' : 'IfNotPresent'}
          args: ["--port=8080", "--metrics-port=9090", "--log-format=json"]
          ports:
            - {name: http, containerPort: 8080, protocol: TCP}
            - {name: metrics, containerPort: 9090, protocol: TCP}
          env:
            - name: LOG_LEVEL
              value: info
            - name: POD_NAME
              valueFrom:
                fieldRef: {fieldPath: metadata.name}
            - name: API_TOKEN
              value: "${i % 9 === 0 ? `tok-${i}-abcdef` : ''}"
          envFrom:
            - configMapRef: {name: ${app}-config}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {${hardened ? 'cpu: 500m, ' : ''}memory: 256Mi}
          readinessProbe:
            httpGet: {path: /healthz, port: http}
            periodSeconds: 10
${hardened ? `          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
` : ''}          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            - {name: config, mountPath: /etc/app, readOnly: true}
      volumes:
        - name: tmp
          emptyDir: {medium: Memory${hardened ? ', sizeLimit: 64Mi' : ''}}
        - name: config
          configMap: {name: ${app}-config}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app.kubernetes.io/name: ${app}}}}
`);
  parts.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${app}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${app}
  ports:
    - {name: http, port: 80, targetPort: http, protocol: TCP}
    - {name: metrics, port: 9090, targetPort: metrics, protocol: TCP}
`);
  if (i % 3 === 0) {
    parts.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  FEATURE_FLAGS: "search,checkout,recommendations"
  CACHE_TTL: "300"
  app.yaml: |
    server:
      port: 8080
      readTimeout: 30s
    upstreams:
${Array.from({ length: 3 }, (_, k) => `      - name: upstream-${k}\n        url: http://svc-${(i + k) % 5000}.team-${(i + k) % 50}.svc.cluster.local\n        timeout: ${k + 1}s`).join('\n')}
`);
  }
  return parts.join('---\n');
}

/** Writes the corpus into `dir`; returns the file paths and total bytes. */
export async function writeK8sCorpus(dir: string, count = 5000): Promise<{ files: string[]; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = manifest(i);
    const file = join(dir, `app-${String(i).padStart(4, '0')}.yaml`);
    await writeFile(file, text);
    files.push(file);
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes };
}
