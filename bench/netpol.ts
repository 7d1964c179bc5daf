/**
 * NetworkPolicy connectivity at cluster scale: 5,000, 10,000 and 20,000 workloads
 * with half as many policies across 50 namespaces. The baseline, measured in the
 * same run on the same input, is one label match of every policy's podSelector
 * against every workload — the workloads × policies work a naive analysis does
 * before it has computed a single connection. The analysis computes connectivity
 * over classes of equivalent pods and counts the pod-level connections they
 * expand to; expanding them (what `--format json` streams) is timed on its own,
 * per million connections. Peak RSS is the process's, after each size.
 */
import { performance } from 'node:perf_hooks';
import { classConnectivity, countConnections, expandConnectivity } from '../src/network/connectivity.js';
import { matchesSelector } from '../src/network/label-selector.js';
import { parseNetworkPolicy } from '../src/network/parse-policy.js';
import type { NetworkInput, PodInfo } from '../src/network/types.js';

export interface NetpolBenchRow {
  workloads: number;
  policies: number;
  classes: number;
  connections: number;
  /** Milliseconds to compute all connectivity (class level) and count the pod-level connections. */
  connectivityMs: number;
  /** Milliseconds of the workloads × policies label-match baseline. */
  baselineMs: number;
  /** Milliseconds to expand one million pod-level connections. */
  expandMsPerMillion: number;
  /** Peak resident set of the process so far, MiB. */
  peakRssMiB: number;
}

const NAMESPACES = 50;
const TIERS = ['web', 'api', 'db', 'cache', 'worker'];

/** Deterministic generator, so runs compare like with like. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A cluster like real ones: per namespace a default deny with DNS, then allow
 * policies between tiers, across namespaces by team label, and to address ranges.
 */
export function generateCluster(workloads: number, policies: number, seed = 7): NetworkInput {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ns = (i: number): string => `ns-${i}`;
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => ({ name: ns(i), labels: { team: `t${i % 10}`, env: i % 2 ? 'prod' : 'dev' } }));
  const pods: PodInfo[] = Array.from({ length: workloads }, (_, i) => {
    const tier = TIERS[i % TIERS.length]!;
    return {
      namespace: ns(i % NAMESPACES),
      name: `w${i}`,
      labels: { app: `app${Math.floor(i / 10)}`, tier, version: rnd() < 0.5 ? 'v1' : 'v2' },
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
    };
  });
  const raw: Record<string, unknown>[] = [];
  for (let i = 0; i < NAMESPACES && raw.length < policies; i++) {
    raw.push({ metadata: { name: 'default-deny', namespace: ns(i) }, spec: {
      podSelector: {}, policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ protocol: 'UDP', port: 53 }] }],
    } });
  }
  while (raw.length < policies) {
    const i = raw.length;
    const tier = pick(TIERS);
    const kind = i % 4;
    const spec: Record<string, unknown> = { podSelector: { matchLabels: { tier } } };
    if (kind === 0) spec['ingress'] = [{ from: [{ podSelector: { matchLabels: { tier: pick(TIERS) } } }], ports: [{ port: 'http' }] }];
    else if (kind === 1) spec['ingress'] = [{ from: [{ namespaceSelector: { matchLabels: { team: `t${i % 10}` } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(TIERS), pick(TIERS)] }] } }], ports: [{ port: 8080 }, { port: 9000, endPort: 9100 }] }];
    else if (kind === 2) spec['egress'] = [{ to: [{ podSelector: { matchLabels: { tier: pick(TIERS) } } }, { namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { tier: 'db' } } }], ports: [{ port: 5432 }, { port: 'http' }] }];
    else spec['egress'] = [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.0.0.0/8'] } }], ports: [{ port: 443 }] }];
    raw.push({ metadata: { name: `p${i}`, namespace: ns(Math.floor(rnd() * NAMESPACES)) }, spec });
  }
  return { namespaces, pods, policies: raw.map((r) => parseNetworkPolicy(r)) };
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Measures one size, once: the largest sizes take the baseline tens of seconds. */
export function measure(workloads: number, policies: number): NetpolBenchRow {
  const input = generateCluster(workloads, policies);
  let connections = 0;
  let classes = 0;
  let cc: ReturnType<typeof classConnectivity> | undefined;
  const connectivityMs = time(() => {
    // A fresh copy: no index cached from an earlier run is reused.
    cc = classConnectivity({ ...input });
    classes = cc.classes.representatives.length;
    connections = countConnections(cc);
  });
  const baselineMs = time(() => {
    let n = 0;
    for (const p of input.policies) for (const pod of input.pods) if (matchesSelector(p.podSelector, pod.labels)) n++;
    if (n < 0) throw new Error('unreachable');
  });
  // Expansion throughput on the first two million connections.
  const limit = Math.min(connections, 2_000_000);
  let seen = 0;
  const expandMs = time(() => { for (const c of expandConnectivity(cc!)) { if (c.ports && ++seen >= limit) break; } });
  const expandMsPerMillion = limit ? (expandMs / limit) * 1e6 : 0;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  return { workloads, policies, classes, connections, connectivityMs, baselineMs, expandMsPerMillion, peakRssMiB };
}

/**
 * Runs the benchmark and prints a table with ratios; returns the rows.
 *
 * @example
 * const rows = runNetpolBench();
 */
export function runNetpolBench(print: (line: string) => void = console.log, sizes: readonly number[] = [5000, 10000, 20000]): NetpolBenchRow[] {
  const rows = sizes.map((w) => measure(w, w / 2));
  print('netpol connectivity: workloads, policies, classes, connections, ms, ms of workloads×policies label matches, ratio, ms per 10^6 expanded, peak RSS');
  for (const r of rows) {
    print(`  ${r.workloads}\t${r.policies}\t${r.classes}\t${r.connections}\t${r.connectivityMs.toFixed(0)} ms\t${r.baselineMs.toFixed(0)} ms\t${(r.connectivityMs / r.baselineMs).toFixed(3)}×\t${r.expandMsPerMillion.toFixed(0)} ms/M\t${r.peakRssMiB.toFixed(0)} MiB`);
  }
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    const bound = (b.workloads * b.policies) / (a.workloads * a.policies);
    print(`  growth ${a.workloads} → ${b.workloads}: connectivity ${(b.connectivityMs / a.connectivityMs).toFixed(2)}×, baseline ${(b.baselineMs / a.baselineMs).toFixed(2)}×, connections ${(b.connections / a.connections).toFixed(2)}×, workloads×policies ${bound.toFixed(2)}×`);
  }
  return rows;
}

// Run directly: `node dist/bench/netpol.js [SIZES...]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  runNetpolBench(console.log, sizes.length ? sizes : undefined);
}
