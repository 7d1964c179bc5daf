/**
 * The adapter's job store: plain JSON files on a volume, so that scan ids and
 * finished reports outlive a restart of the pod. One file per job, per scan and per
 * scan outcome, each written to a temporary name and renamed into place (a crash
 * leaves the old file or the new one, never half of one). Nothing here holds a
 * credential: Harbor's registry authorization stays in memory with the running scan.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanRequest } from './scan-request.js';
import type { ScanOutcome } from './scan-outcome.js';

export type ScanState = 'queued' | 'running' | 'done' | 'failed';

/** One scan of one artifact; several jobs (scan requests) may share it. */
export interface ScanRecord {
  id: string;
  /** `registry|digest|credential or anonymous`: concurrent requests with the same key share the scan. */
  key: string;
  registry: string;
  plainHttp: boolean;
  repository: string;
  digest: string;
  state: ScanState;
  /** Whether the request carried a credential (which is not stored): such a scan cannot resume after a restart. */
  needsCredential: boolean;
  createdAt: string;
  updatedAt: string;
  error?: string;
}

/** One accepted ScanRequest: the id Harbor polls with. */
export interface JobRecord {
  id: string;
  scanId: string;
  artifact: ScanRequest['artifact'];
  capabilities?: ScanRequest['enabled_capabilities'];
  createdAt: string;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;

export class JobStore {
  readonly jobs = new Map<string, JobRecord>();
  readonly scans = new Map<string, ScanRecord>();

  constructor(readonly dir: string) {
    for (const sub of ['jobs', 'scans', 'outcomes']) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
    this.load();
  }

  private load(): void {
    for (const [sub, map] of [['jobs', this.jobs], ['scans', this.scans]] as const) {
      for (const name of readdirSync(join(this.dir, sub))) {
        if (!name.endsWith('.json')) continue;
        try {
          const record = JSON.parse(readFileSync(join(this.dir, sub, name), 'utf8')) as JobRecord & ScanRecord;
          if (ID.test(record.id)) (map as Map<string, unknown>).set(record.id, record);
        } catch {
          // A file that does not parse is left for removal by age; its job reads as unknown (404).
        }
      }
    }
  }

  putJob(job: JobRecord): void {
    this.jobs.set(job.id, job);
    this.write(join('jobs', `${job.id}.json`), job);
  }

  putScan(scan: ScanRecord): void {
    scan.updatedAt = new Date().toISOString();
    this.scans.set(scan.id, scan);
    this.write(join('scans', `${scan.id}.json`), scan);
  }

  putOutcome(scanId: string, outcome: ScanOutcome): void {
    this.write(join('outcomes', `${scanId}.json`), outcome);
  }

  outcome(scanId: string): ScanOutcome | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, 'outcomes', `${scanId}.json`), 'utf8')) as ScanOutcome;
    } catch {
      return undefined;
    }
  }

  /** Removes jobs older than `maxAgeMs` and scans no job refers to any more; returns how many jobs went. */
  prune(maxAgeMs: number, now = Date.now()): number {
    let removed = 0;
    for (const job of [...this.jobs.values()]) {
      if (now - Date.parse(job.createdAt) <= maxAgeMs) continue;
      this.jobs.delete(job.id);
      rmSync(join(this.dir, 'jobs', `${job.id}.json`), { force: true });
      removed++;
    }
    const used = new Set([...this.jobs.values()].map((j) => j.scanId));
    for (const scan of [...this.scans.values()]) {
      if (used.has(scan.id) || scan.state === 'queued' || scan.state === 'running') continue;
      this.scans.delete(scan.id);
      rmSync(join(this.dir, 'scans', `${scan.id}.json`), { force: true });
      rmSync(join(this.dir, 'outcomes', `${scan.id}.json`), { force: true });
    }
    return removed;
  }

  private write(relative: string, value: unknown): void {
    const target = join(this.dir, relative);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value), { mode: 0o600 });
    renameSync(temp, target);
  }
}
