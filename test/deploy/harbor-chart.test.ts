/**
 * The chart's Harbor adapter rendered by the real helm (test/tools/helm/build.sh):
 * with its defaults it is exactly the plain manifests in deploy/manifests, and with
 * every option on it still passes seaworthy and wires each option through.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadAll } from 'js-yaml';
import { prerequisite, repoRoot } from '../support/prerequisites.js';

const HELM = join(process.env['SEAWORTHY_CACHE'] ?? join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'seaworthy'), 'helm/v3.19.5/helm');
const skip = prerequisite(existsSync(HELM), `${HELM} (bash test/tools/helm/build.sh; .ci/run does)`);

type Obj = { kind: string; metadata: { name: string }; spec?: any };

function render(sets: string[]): Obj[] {
  const r = spawnSync(HELM, ['template', 'seaworthy', join(repoRoot, 'deploy/helm/seaworthy'), '-n', 'seaworthy-system', '--set', 'harborAdapter.enabled=true', ...sets.flatMap((s) => ['--set', s])], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return (loadAll(r.stdout) as Obj[]).filter(Boolean);
}

const adapterObject = (o: Obj) => /harbor-adapter|advisory-db-update/.test(o.metadata.name);

test('with its defaults the chart renders the plain manifests exactly', { skip }, () => {
  const rendered = render([]).filter(adapterObject);
  const manifests = (loadAll(readFileSync(join(repoRoot, 'deploy/manifests/seaworthy-harbor-adapter.yaml'), 'utf8')) as Obj[]).filter(Boolean);
  const key = (o: Obj) => `${o.kind}/${o.metadata.name}`;
  assert.deepEqual(rendered.map(key).sort(), manifests.map(key).sort());
  for (const m of manifests) assert.deepEqual(rendered.find((r) => key(r) === key(m)), m, key(m));
  const off = spawnSync(HELM, ['template', 'seaworthy', join(repoRoot, 'deploy/helm/seaworthy'), '-n', 'seaworthy-system'], { encoding: 'utf8' });
  assert.ok(!off.stdout.includes('harbor-adapter'), 'off unless enabled');
});

test('every option on: still no finding, each option wired through', { skip }, () => {
  const objects = render(['harborAdapter.apiTokenSecret=adapter-token', 'harborAdapter.tlsSecret=adapter-tls', 'harborAdapter.registryCASecret=harbor-ca', 'harborAdapter.jobStore.persistence=false', 'harborAdapter.workers=4']);
  const deployment = objects.find((o) => o.kind === 'Deployment' && adapterObject(o))!;
  const pod = deployment.spec.template.spec;
  const args: string[] = pod.containers[0].args;
  for (const a of ['--api-token-file=/etc/seaworthy/api-token/token', '--tls-cert=/etc/seaworthy/tls/tls.crt', '--tls-key=/etc/seaworthy/tls/tls.key', '--registry-cert-dir=/etc/seaworthy/registry-ca', '--workers=4']) assert.ok(args.includes(a), a);
  assert.equal(pod.containers[0].readinessProbe.httpGet.scheme, 'HTTPS');
  assert.deepEqual(pod.volumes.find((v: any) => v.name === 'jobs'), { name: 'jobs', emptyDir: {} });
  assert.ok(!objects.some((o) => o.metadata.name === 'seaworthy-harbor-adapter-jobs'), 'no job-store claim without persistence');
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-chart-'));
  try {
    const file = join(dir, 'rendered.yaml');
    writeFileSync(file, spawnSync(HELM, ['template', 'seaworthy', join(repoRoot, 'deploy/helm/seaworthy'), '-n', 'seaworthy-system', '--set', 'harborAdapter.enabled=true', '--set', 'harborAdapter.tlsSecret=adapter-tls', '--set', 'harborAdapter.apiTokenSecret=t'], { encoding: 'utf8' }).stdout);
    const scan = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'scan', file, '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string; location: { startLine: number } }>; errors: unknown[] };
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.findings.map((f) => `${f.location.startLine} ${f.ruleId}`), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
