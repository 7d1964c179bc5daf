/**
 * `npm run bench -- cluster`: `seaworthy cluster` against a real kube-apiserver (with etcd,
 * test/support/kube-cluster.ts) seeded with 10,000 pods in Deployments across 100
 * namespaces — each namespace 10 Deployments, each with its ReplicaSet and 10 pods that
 * name it in ownerReferences (no controller-manager runs, so the bench makes them as the
 * controllers would). Compared with a baseline that only lists the same kinds, 500 per
 * page, with plain HTTPS (bench/cluster-list-baseline.ts), and with the same lists through
 * @kubernetes/client-node's generated API. Wall, CPU and peak RSS from wait4; API calls
 * counted by each side. First at 25 namespaces (2,500 pods), then at 100: seaworthy's peak
 * RSS must not grow with the namespaces (it holds one at a time); since V8 collects lazily,
 * each size is also run with the heap capped at 64 MB, which only a flat live set fits in.
 * BENCH_CLUSTER_RUNS (default 3) alternating runs per size.
 */
import { spawnSync } from 'node:child_process';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import { startKubeCluster, kubeBinariesPresent, kubeBinDir, type KubeCluster } from '../test/support/kube-cluster.js';
import { kubeconfigFor } from '../test/support/kube-objects.js';
import { compareProcesses, printComparison, ROOT, runProcess, SEAWORTHY, type Run } from './measure.js';

const NAMESPACES = 100;
const DEPLOYMENTS_PER_NAMESPACE = 10;
const PODS_PER_DEPLOYMENT = 10;
/** A V8 old-space cap the whole audit must fit in at every size, if it holds one namespace at a time. */
const HEAP_CAP_MB = 64;

export async function runClusterBench(): Promise<void> {
  if (!kubeBinariesPresent()) throw new Error(`cluster bench: kube-apiserver and etcd are not in ${kubeBinDir()} (bash test/tools/kube/build.sh builds them)`);
  const cluster = await startKubeCluster();
  try {
    const kubeconfig = kubeconfigFor(cluster, 'bench');
    const caFile = join(cluster.dir, 'pki', 'apiserver.crt');
    const runs = Number(process.env['BENCH_CLUSTER_RUNS'] ?? '3');
    const seeded = { namespaces: 0 };
    const peaks: Record<number, number> = {};
    const cappedPeaks: Record<number, number> = {};
    for (const size of [25, NAMESPACES]) {
      const t0 = performance.now();
      await seed(cluster, seeded.namespaces, size);
      seeded.namespaces = size;
      const pods = size * DEPLOYMENTS_PER_NAMESPACE * PODS_PER_DEPLOYMENT;
      console.log(`cluster: seeded ${size} namespaces, ${size * DEPLOYMENTS_PER_NAMESPACE} Deployments and ReplicaSets, ${pods} pods in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const subject = (): Run => runProcess(process.execPath, [SEAWORTHY, 'cluster', '--kubeconfig', kubeconfig, '-f', 'json', '-o', '/dev/null', '--fail-on', 'none'], { cwd: ROOT, timeoutMs: 600_000 });
      const baseline = (): Run => runProcess(process.execPath, [join(ROOT, 'dist/bench/cluster-list-baseline.js'), cluster.url, cluster.adminToken, caFile], { cwd: ROOT });
      const viaClientNode = (): Run => runProcess(process.execPath, [join(ROOT, 'dist/bench/cluster-list-baseline.js'), cluster.url, cluster.adminToken, caFile, 'client-node'], { cwd: ROOT, timeoutMs: 600_000 });
      const c = compareProcesses(runs, subject, baseline);
      printComparison(`cluster: ${size} namespaces, ${pods} pods`, 'seaworthy cluster', 'list only (plain HTTPS)', c);
      const k = compareProcesses(Math.min(runs, 3), viaClientNode, baseline);
      printComparison(`cluster: the same lists through client-node's generated API`, 'client-node 1.4 API', 'list only (plain HTTPS)', k);
      const ours = callsOf(spawnSync(process.execPath, [SEAWORTHY, 'cluster', '--kubeconfig', kubeconfig, '-f', 'json', '-o', '/dev/null', '--fail-on', 'none', '--stats'], { cwd: ROOT, encoding: 'utf8' }).stderr, /(\d+) API calls/);
      const base = JSON.parse(spawnSync(process.execPath, [join(ROOT, 'dist/bench/cluster-list-baseline.js'), cluster.url, cluster.adminToken, caFile], { encoding: 'utf8' }).stdout) as { calls: number; objects: number };
      const findings = JSON.parse(spawnSync(process.execPath, [SEAWORTHY, 'cluster', '--kubeconfig', kubeconfig, '-f', 'json', '--fail-on', 'none'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout) as { findings: { resource?: { kind?: string } }[] };
      const onPods = findings.findings.filter((f) => f.resource?.kind === 'Pod' || f.resource?.kind === 'ReplicaSet').length;
      console.log(`  API calls: seaworthy ${ours}, list only ${base.calls} (${base.objects} objects); ${findings.findings.length} findings, ${onPods} on Pods or ReplicaSets (owned pods are judged through their Deployment)`);
      peaks[size] = c.subject.peakRssMb;
      // V8 collects lazily, so peak RSS shows garbage too; the live memory is what a small heap cap proves.
      const capped = runProcess(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, SEAWORTHY, 'cluster', '--kubeconfig', kubeconfig, '-f', 'json', '-o', '/dev/null', '--fail-on', 'none'], { cwd: ROOT, timeoutMs: 600_000 });
      console.log(`  with the V8 heap capped at ${HEAP_CAP_MB} MB: completes, wall ${(capped.wallMs / 1000).toFixed(1)} s, CPU ${(capped.cpuMs / 1000).toFixed(1)} s, peak RSS ${capped.peakRssMb.toFixed(0)} MB`);
      cappedPeaks[size] = capped.peakRssMb;
    }
    const growth = peaks[NAMESPACES]! / peaks[25]!;
    console.log(`cluster: seaworthy's peak RSS at ${NAMESPACES} namespaces is ${growth.toFixed(2)}× its peak at 25 (${peaks[25]!.toFixed(0)} → ${peaks[NAMESPACES]!.toFixed(0)} MB) for 4× the namespaces and pods; with the heap capped at ${HEAP_CAP_MB} MB, ${(cappedPeaks[NAMESPACES]! / cappedPeaks[25]!).toFixed(2)}× (${cappedPeaks[25]!.toFixed(0)} → ${cappedPeaks[NAMESPACES]!.toFixed(0)} MB)`);
  } finally {
    await cluster.stop();
  }
}

function callsOf(text: string, re: RegExp): number {
  const m = re.exec(text);
  if (!m) throw new Error(`no call count in: ${text.slice(0, 300)}`);
  return Number(m[1]);
}

/** Creates namespaces [from, to) with their Deployments, ReplicaSets and pods, 16 requests at a time. */
export async function seed(cluster: KubeCluster, from: number, to: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16, ca: cluster.ca });
  const post = (path: string, body: unknown): Promise<any> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      request(`${cluster.url}${path}`, { method: 'POST', agent, headers: { Authorization: `Bearer ${cluster.adminToken}`, 'Content-Type': 'application/json', Accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 201) resolve(JSON.parse(text));
          else reject(new Error(`POST ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
        });
      }).on('error', reject).end(payload);
    });
  const pool = async <T>(items: T[], work: (item: T) => Promise<void>): Promise<void> => {
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < items.length) await work(items[next++]!);
    }));
  };
  const namespaces = Array.from({ length: to - from }, (_, i) => `team-${String(from + i).padStart(3, '0')}`);
  await pool(namespaces, async (ns) => {
    await post('/api/v1/namespaces', { metadata: { name: ns, labels: { team: ns } } });
    await post(`/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: 'default' } });
  });
  const deployments = namespaces.flatMap((ns) => Array.from({ length: DEPLOYMENTS_PER_NAMESPACE }, (_, d) => ({ ns, name: `app-${d}` })));
  await pool(deployments, async ({ ns, name }) => {
    const labels = { app: name };
    const template = {
      metadata: { labels },
      spec: {
        containers: [{ name: 'app', image: `registry.example.com/${ns}/${name}:1.${name.length}`, ports: [{ containerPort: 8080 }], resources: { limits: { cpu: '500m', memory: '256Mi' } }, securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 10001 } }],
      },
    };
    const deployment = await post(`/apis/apps/v1/namespaces/${ns}/deployments`, { metadata: { name }, spec: { replicas: PODS_PER_DEPLOYMENT, selector: { matchLabels: labels }, template } });
    const hash = `7d${(deployment.metadata.uid as string).slice(0, 8)}`.replace(/[^a-z0-9]/g, 'x');
    const podLabels = { ...labels, 'pod-template-hash': hash };
    const rs = await post(`/apis/apps/v1/namespaces/${ns}/replicasets`, {
      metadata: { name: `${name}-${hash}`, labels: podLabels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: deployment.metadata.uid, controller: true }] },
      spec: { replicas: PODS_PER_DEPLOYMENT, selector: { matchLabels: podLabels }, template: { ...template, metadata: { labels: podLabels } } },
    });
    for (let p = 0; p < PODS_PER_DEPLOYMENT; p++) {
      await post(`/api/v1/namespaces/${ns}/pods`, {
        metadata: { name: `${name}-${hash}-${p.toString(36).padStart(5, 'q')}`, labels: podLabels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-${hash}`, uid: rs.metadata.uid, controller: true }] },
        spec: template.spec,
      });
    }
  });
  agent.destroy();
}
