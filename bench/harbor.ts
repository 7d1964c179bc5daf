/**
 * `npm run bench -- harbor`: a scan through `seaworthy serve harbor` as Harbor drives
 * it (POST /scan, poll the report every 50 ms) for a Debian 12 minbase image on a
 * loopback docker-registry, against the bare work of fetching the same image with
 * `skopeo copy` (the well-known way to pull an image, to an OCI layout), and against
 * `seaworthy image` doing the same scan from the command line (the adapter's own
 * overhead: HTTP, the worker thread, the job store). Wall time, medians of
 * alternating runs; the adapter's CPU is the change of its process_cpu_seconds_total
 * (worker threads included). Needs buildah, skopeo, docker-registry and the cached
 * debootstrap root filesystem (scripts/debian-rootfs.sh); only run when named.
 */
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImageBuilds, run } from '../test/support/image-builds.js';
import { startAdapter, metricValue } from '../test/support/harbor-adapter.js';
import { startRegistry } from '../test/support/local-registry.js';
import { median, ROOT, runProcess, SEAWORTHY } from './measure.js';

const ROOTFS = process.env['SEAWORTHY_DEBIAN_ROOTFS'] ?? '/root/.cache/seaworthy/debootstrap-bookworm-minbase.tar';
const RUNS = 7;

function request(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function runHarborBench(): Promise<void> {
  if (!existsSync(ROOTFS)) {
    console.log(`harbor: skipped, ${ROOTFS} is missing (scripts/debian-rootfs.sh makes it)`);
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'seaworthy-bench-harbor-'));
  const images = createImageBuilds();
  const registry = await startRegistry();
  try {
    const db = join(root, 'db');
    run(process.execPath, [SEAWORTHY, 'db', 'import', join(ROOT, '../shared/conformance/vulnerabilities/advisories/debian'), '--db', db]);
    const ctx = join(root, 'ctx');
    cpSync(join(ROOT, 'test/fixtures/images/vuln-debian'), ctx, { recursive: true });
    copyFileSync(ROOTFS, join(ctx, 'rootfs.tar'));
    images.buildah(['bud', '--isolation', 'chroot', '-q', '-t', 'localhost/vuln-debian:test', '-f', join(ctx, 'Containerfile'), ctx]);
    images.buildah(['push', '-q', '--tls-verify=false', 'localhost/vuln-debian:test', `docker://${registry.host}/library/debian:12`]);
    const digest = run('skopeo', ['inspect', '--tls-verify=false', '--format', '{{.Digest}}', `docker://${registry.host}/library/debian:12`]).trim();
    const adapter = await startAdapter(['--db', db, '--store', join(root, 'store'), '--workers', '1', '--refresh-after', '1']);
    const body = JSON.stringify({ registry: { url: `http://${registry.host}` }, artifact: { repository: 'library/debian', digest, mime_type: 'application/vnd.oci.image.manifest.v1+json' } });
    const viaAdapter = async (): Promise<{ wallMs: number; cpuMs: number }> => {
      const cpuBefore = metricValue(await adapter.metrics(), 'seaworthy_process_cpu_seconds_total');
      const start = performance.now();
      const posted = await request(adapter.base, 'POST', '/api/v1/scan', { 'Content-Type': 'application/vnd.scanner.adapter.scan.request+json; version=1.1' }, body);
      const { id } = JSON.parse(posted.body) as { id: string };
      for (;;) {
        const r = await request(adapter.base, 'GET', `/api/v1/scan/${id}/report`, { Accept: 'application/vnd.security.vulnerability.report; version=1.1' });
        if (r.status === 200) break;
        if (r.status !== 302) throw new Error(`report: ${r.status} ${r.body}`);
        await new Promise((res) => setTimeout(res, 50));
      }
      const wallMs = performance.now() - start;
      const cpuMs = (metricValue(await adapter.metrics(), 'seaworthy_process_cpu_seconds_total') - cpuBefore) * 1000;
      return { wallMs, cpuMs };
    };
    const layout = join(root, 'layout');
    const skopeo = () => {
      rmSync(layout, { recursive: true, force: true });
      return runProcess('skopeo', ['copy', '-q', '--src-tls-verify=false', `docker://${registry.host}/library/debian@${digest}`, `oci:${layout}:x`]);
    };
    const cli = () => runProcess(process.execPath, [SEAWORTHY, 'image', `docker://${registry.host}/library/debian@${digest}`, '--tls-verify=false', '--scanners', 'vuln,misconfig,secret', '--db', db, '-f', 'json'], { okCodes: [0, 1] });
    await viaAdapter();
    skopeo();
    cli();
    const a: Array<{ wallMs: number; cpuMs: number }> = [];
    const s: Array<{ wallMs: number; cpuMs: number }> = [];
    const c: Array<{ wallMs: number; cpuMs: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      s.push(skopeo());
      c.push(cli());
      a.push(await viaAdapter());
    }
    await adapter.stop();
    const w = (xs: Array<{ wallMs: number }>) => median(xs.map((x) => x.wallMs));
    const u = (xs: Array<{ cpuMs: number }>) => median(xs.map((x) => x.cpuMs));
    console.log(`harbor: Debian 12 minbase image (${digest.slice(0, 19)}…) on a loopback docker-registry, medians of ${RUNS} alternating runs`);
    console.log(`  skopeo copy to an OCI layout (bare pull)   CPU ${u(s).toFixed(0).padStart(6)} ms  wall ${w(s).toFixed(0).padStart(6)} ms`);
    console.log(`  seaworthy image --scanners vuln,misconfig,secret  CPU ${u(c).toFixed(0).padStart(6)} ms  wall ${w(c).toFixed(0).padStart(6)} ms`);
    console.log(`  serve harbor: POST /scan → report 200      CPU ${u(a).toFixed(0).padStart(6)} ms  wall ${w(a).toFixed(0).padStart(6)} ms`);
    console.log(`  ratios: adapter/skopeo wall ${(w(a) / w(s)).toFixed(2)}×  CPU ${(u(a) / u(s)).toFixed(2)}×; adapter/CLI wall ${(w(a) / w(c)).toFixed(2)}×  CPU ${(u(a) / u(c)).toFixed(2)}×`);
  } finally {
    await registry.stop();
    images.cleanup();
    rmSync(root, { recursive: true, force: true });
  }
}
