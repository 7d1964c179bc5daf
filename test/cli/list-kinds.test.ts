/**
 * API list objects (`PodList`, `NamespaceList`, `NetworkPolicyList`…) as
 * `kubectl get -o json` and the API server give them, through every command that
 * reads Kubernetes input: a real process reading standard input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';

const bin = join(repoRoot, 'bin/seaworthy.js');

function cli(args: string[], input: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const podList = JSON.stringify({
  apiVersion: 'v1',
  kind: 'PodList',
  items: ['a', 'b'].map((name) => ({
    metadata: { name, namespace: 'shop', labels: { app: name } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
  })),
});
const npList = JSON.stringify({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicyList',
  items: [{ metadata: { name: 'only-a', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }] } }],
});

test('scan reads a PodList whose items name no kind', () => {
  const r = cli(['scan', '-', '--rule', 'privileged-container', '--format', 'json'], podList);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string; resource?: { kind: string; name: string } }[] };
  assert.deepEqual(report.findings.map((f) => `${f.ruleId} ${f.resource?.kind}/${f.resource?.name}`).sort(), ['privileged-container Pod/a', 'privileged-container Pod/b']);
});

test('netpol reads typed lists: policies from a NetworkPolicyList apply to pods of a PodList', () => {
  const r = cli(['netpol', '-', '--format', 'json'], `${podList}\n---\n${npList}\n`);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { connections: { from: { name?: string; cidr?: string }; to: { name?: string } }[] };
  const intoB = report.connections.filter((c) => c.to.name === 'b').map((c) => c.from.name ?? c.from.cidr);
  assert.deepEqual(intoB, ['a'], 'only a reaches b once the listed policy applies');
});
