/**
 * Scans as jobs, with `seaworthy serve harbor` as a process and a registry that
 * can be slowed down (Debian's docker-registry behind a front that holds blobs
 * back): the worker pool and the queue are bounded, a scan past its time limit
 * fails and frees its thread, and the job store carries ids and reports across a
 * crash — resuming scans that needed no credential, failing those that did (the
 * credential is never on disk).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { MEDIA } from '../../src/harbor/media-types.js';
import { createImageBuilds, run, type BuiltImages } from '../support/image-builds.js';
import { metricValue, startAdapter, type AdapterProcess } from '../support/harbor-adapter.js';
import { harborClient, pollReport, scanRequest, SCAN_REQUEST_TYPE } from '../support/harbor-client.js';
import { HarborSpec } from '../support/harbor-spec.js';
import { startRegistry, type LocalRegistry } from '../support/local-registry.js';
import { startRegistryFront, type RegistryFront } from '../support/registry-front.js';
import { conformanceDir, needConformance, needPrograms, repoRoot } from '../support/prerequisites.js';

const skip = needConformance('harbor-scanner-spec') ?? needConformance('vulnerabilities/advisories') ?? needPrograms('buildah', 'busybox', 'docker-registry', 'skopeo');

describe('Harbor scan jobs', { skip }, () => {
  const problems: string[] = [];
  let spec: HarborSpec;
  let root: string;
  let db: string;
  let images: BuiltImages;
  let registry: LocalRegistry;
  let front: RegistryFront;
  /** Four images with distinct digests. */
  const digests: string[] = [];
  const adapters: AdapterProcess[] = [];

  before(async () => {
    spec = new HarborSpec();
    root = mkdtempSync(join(tmpdir(), 'seaworthy-harbor-jobs-'));
    db = join(root, 'db');
    assert.equal(spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'db', 'import', join(conformanceDir, 'vulnerabilities/advisories/debian'), '--db', db]).status, 0);
    images = createImageBuilds();
    images.build('insecure');
    registry = await startRegistry();
    for (let i = 0; i < 4; i++) {
      // A label makes another config, so another digest, over the same layers.
      const container = images.buildah(['from', '-q', '--pull-never', 'localhost/insecure:test']).trim();
      images.buildah(['config', '--label', `variant=${i}`, container]);
      images.buildah(['commit', '-q', container, `localhost/insecure:v${i}`]);
      images.buildah(['push', '-q', '--tls-verify=false', `localhost/insecure:v${i}`, `docker://${registry.host}/team/insecure:v${i}`]);
      digests.push(run('skopeo', ['inspect', '--tls-verify=false', '--format', '{{.Digest}}', `docker://${registry.host}/team/insecure:v${i}`]).trim());
    }
    assert.equal(new Set(digests).size, 4);
    front = await startRegistryFront({ host: registry.host });
  });

  after(async () => {
    for (const a of adapters) await a.kill();
    await front?.stop();
    await registry?.stop();
    images?.cleanup();
    if (root) rmSync(root, { recursive: true, force: true });
    if (spec) console.log(`# ${spec.total()} responses validated against the spec ${spec.document.info.version}`);
  });

  async function adapter(args: string[]): Promise<{ process: AdapterProcess; call: ReturnType<typeof harborClient>; submit: (i: number, authorization?: string) => Promise<{ status: number; id: string; body: string }> }> {
    const a = await startAdapter(['--db', db, '--refresh-after', '1', ...args]);
    adapters.push(a);
    const call = harborClient(a.base, spec, problems);
    const submit = async (i: number, authorization?: string) => {
      const r = await call('POST', '/scan', { contentType: SCAN_REQUEST_TYPE, body: scanRequest(`http://${front.host}`, 'team/insecure', digests[i]!, { ...(authorization && { authorization }) }), spec: '/scan' });
      return { status: r.status, id: r.status === 202 ? (r.json().id as string) : '', body: r.body };
    };
    return { process: a, call, submit };
  }

  test('one worker and a queue of one: the next scan waits, the one after is refused', { timeout: 120_000 }, async () => {
    const { process: a, call, submit } = await adapter(['--store', join(root, 'store-pool'), '--workers', '1', '--max-queue', '1']);
    front.delayBlobsMs = 3000;
    try {
      const running = await submit(0);
      const waiting = await submit(1);
      const refused = await submit(2);
      assert.equal(refused.status, 500, 'past the queue limit');
      assert.match(JSON.parse(refused.body).error.message, /waiting/);
      await new Promise((r) => setTimeout(r, 500));
      const m = await a.metrics();
      assert.equal(metricValue(m, 'seaworthy_harbor_scans_in_progress{state="running"}'), 1);
      assert.equal(metricValue(m, 'seaworthy_harbor_scans_in_progress{state="queued"}'), 1);
      front.delayBlobsMs = 0;
      for (const id of [running.id, waiting.id]) assert.equal((await pollReport(call, id, MEDIA.vulnReport11)).final.status, 200);
      assert.equal(metricValue(await a.metrics(), 'seaworthy_harbor_scans_total{result="done"}'), 2);
    } finally {
      front.delayBlobsMs = 0;
    }
    assert.deepEqual(problems, []);
  });

  test('a scan past its time limit fails, and its thread is replaced', { timeout: 120_000 }, async () => {
    const { process: a, call, submit } = await adapter(['--store', join(root, 'store-timeout'), '--workers', '1', '--scan-timeout', '20']);
    front.delayBlobsMs = 300_000;
    const started = Date.now();
    const stuck = await submit(0);
    const failed = (await pollReport(call, stuck.id, MEDIA.vulnReport11)).final;
    front.delayBlobsMs = 0;
    assert.equal(failed.status, 500);
    assert.match(failed.json().error.message, /did not finish within 20 s/);
    assert.ok(Date.now() - started < 60_000, 'failed at the limit, not when the registry gave up');
    const next = await submit(0);
    const after = (await pollReport(call, next.id, MEDIA.vulnReport11)).final;
    assert.equal(after.status, 200, `the one worker is free again: ${after.body}`);
    assert.equal(metricValue(await a.metrics(), 'seaworthy_harbor_scans_total{result="timeout"}'), 1);
    assert.deepEqual(problems, []);
  });

  test('a worker thread that runs out of heap fails its scan, not the adapter, and readyz says why', { timeout: 120_000 }, async () => {
    const { process: a, call, submit } = await adapter(['--store', join(root, 'store-heap'), '--workers', '1', '--worker-heap', '4']);
    const starved = await submit(3);
    const failed = (await pollReport(call, starved.id, MEDIA.vulnReport11, '', 60_000)).final;
    assert.equal(failed.status, 500, failed.body);
    assert.match(failed.json().error.message, /worker thread failed: .*memory/);
    assert.equal((await call('GET', '/metadata', { spec: '/metadata' })).status, 200, 'the server is still answering');
    const ready = await fetch(`${a.base}/readyz`);
    assert.equal(ready.status, 503);
    assert.match(await ready.text(), /worker threads fail/);
    assert.equal(metricValue(await a.metrics(), 'seaworthy_harbor_scans_total{result="failed"}'), 1);
    assert.deepEqual(problems, []);
  });

  test('after a crash: reports are still served, an anonymous scan resumes, one that needed a credential fails', { timeout: 180_000 }, async () => {
    const store = join(root, 'store-restart');
    const first = await adapter(['--store', store, '--workers', '1']);
    const done = await first.submit(0);
    const before = (await pollReport(first.call, done.id, MEDIA.vulnReport11)).final;
    assert.equal(before.status, 200);
    front.delayBlobsMs = 60_000;
    const anonymous = await first.submit(1);
    const withCredential = await first.submit(2, `Basic ${Buffer.from('robot$scanner:s3cret-robot-pw').toString('base64')}`);
    await new Promise((r) => setTimeout(r, 500));
    await first.process.kill();
    front.delayBlobsMs = 0;

    const second = await adapter(['--store', store, '--workers', '1']);
    const again = await second.call('GET', `/scan/${done.id}/report`, { accept: MEDIA.vulnReport11, spec: '/scan/{scan_request_id}/report' });
    assert.equal(again.status, 200);
    assert.equal(again.body, before.body, 'the same report, from the store');
    const resumed = (await pollReport(second.call, anonymous.id, MEDIA.vulnReport11)).final;
    assert.equal(resumed.status, 200, resumed.body);
    assert.equal(resumed.json().artifact.digest, digests[1]);
    const abandoned = (await pollReport(second.call, withCredential.id, MEDIA.vulnReport11)).final;
    assert.equal(abandoned.status, 500);
    assert.match(abandoned.json().error.message, /restarted .* credentials are never written to disk/);
    assert.ok(!(first.process.output() + second.process.output()).includes('s3cret-robot-pw'));
    assert.deepEqual(problems, []);
  });
});
