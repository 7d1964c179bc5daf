/**
 * A generated `kubectl get pods,ns,netpol -A -o json` dump of a real-looking
 * cluster through the real CLI: `netpol` analyses it per workload (pods grouped
 * by owner, named ports resolved per protocol against the destination's
 * containers), and `scan` reports a Deployment dumped as many pods once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';
import { clusterDump } from '../support/cluster-dump.js';

const bin = join(repoRoot, 'bin/seaworthy.js');

function withDump<T>(dump: object, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-dump-'));
  try {
    const file = join(dir, 'cluster.json');
    writeFileSync(file, JSON.stringify(dump, null, 2));
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface End { kind: string; namespace?: string; name?: string; workloadKind?: string; variant?: Record<string, string>; cidr?: string }
interface Report { workloads: { namespace: string; name: string; kind?: string }[]; connections: { from: End; to: End; ports: { protocol: string; port?: number; endPort?: number; name?: string }[] }[] }

const id = (e: End): string => (e.kind === 'workload' ? `${e.namespace}/${e.name}[${e.workloadKind}]${e.variant ? `{${Object.entries(e.variant).map(([k, v]) => `${k}=${v}`).join(',')}}` : ''}` : e.cidr ?? e.kind);
const ports = (p: Report['connections'][number]['ports']): string => p.map((x) => `${x.protocol}${x.port !== undefined ? ` ${x.port}${x.endPort ? `-${x.endPort}` : ''}` : ''}${x.name ? ` ${x.name}` : ''}`).join(', ');

test('netpol analyses a live dump per workload, with named ports resolved per protocol', () => {
  const r = withDump(clusterDump(), (file) => cli(['netpol', file, '--format', 'json']));
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Report;
  assert.deepEqual(report.workloads.map((w) => `${w.namespace}/${w.name}[${w.kind}]`).sort(), [
    'kube-system/coredns[Deployment]', 'kube-system/kube-apiserver-node-0[Pod]', 'kube-system/node-exporter[DaemonSet]', 'monitoring/debug-shell[Pod]',
    'payments/gateway[Deployment]', 'payments/report[CronJob]', 'shop/db[StatefulSet]', 'shop/web[Deployment]', 'shop/web[Deployment]',
  ]);
  const conn = new Map(report.connections.map((c) => [`${id(c.from)} => ${id(c.to)}`, ports(c.ports)]));
  const stable = 'shop/web[Deployment]{track=stable}';
  const canary = 'shop/web[Deployment]{track=canary}';
  // db admits only the stable web pods, on its container port named pg.
  assert.equal(conn.get(`${stable} => shop/db[StatefulSet]`), 'TCP 5432');
  assert.equal(conn.has(`${canary} => shop/db[StatefulSet]`), false, 'the canary pods differ in a label the policy selects on');
  // Egress names dns for UDP and TCP; CoreDNS calls its TCP port dns-tcp, so only UDP passes.
  assert.equal(conn.get(`shop/db[StatefulSet] => kube-system/coredns[Deployment]`), 'UDP 53');
  // Egress names https and http; the gateway has only https (8443), and its ingress admits shop.
  assert.equal(conn.get(`${stable} => payments/gateway[Deployment]`), 'TCP 8443');
  // web admits everyone on http (8080), the outside included; nothing reaches the CronJob's pods.
  assert.equal(conn.get(`monitoring/debug-shell[Pod] => ${canary}`), 'TCP 8080');
  assert.equal(conn.get(`0.0.0.0/0 => ${stable}`), 'TCP 8080');
  assert.equal(report.connections.some((c) => id(c.to) === 'payments/report[CronJob]'), false);
});

test('scan reports a Deployment dumped as 30 pods once, as the Deployment', () => {
  const r = withDump(clusterDump({ webReplicas: 30 }), (file) => cli(['scan', file, '--rule', 'privileged-container', '--format', 'json']));
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string; resource?: { kind: string; namespace?: string; name?: string } }[] };
  // 29 stable pods and 1 relabelled canary: two variants of the Deployment, each judged once.
  assert.deepEqual(report.findings.map((f) => `${f.resource?.namespace}/${f.resource?.name}[${f.resource?.kind}]`), ['shop/web[Deployment]', 'shop/web[Deployment]']);
});
