/**
 * Scan requests as jobs: a bounded pool of worker threads (piscina), a queue with
 * a ceiling, a time limit per scan (the thread is terminated, not abandoned), one
 * shared scan for concurrent requests about the same registry and digest, and the
 * job store so that ids and reports survive a restart. Harbor's credential for a
 * scan is held in memory only, for as long as that scan is queued or running.
 */
import { randomUUID } from 'node:crypto';
import { Piscina } from 'piscina';
import type { Logger } from '../servers/json-log.js';
import { redactText } from '../secrets/secret-detection.js';
import type { HarborMetrics } from './harbor-metrics.js';
import { JobStore, type JobRecord, type ScanRecord } from './job-store.js';
import type { ScanOutcome } from './scan-outcome.js';
import type { RegistryTarget, ScanRequest } from './scan-request.js';
import type { ScanTask } from './scan-worker.js';

export interface ScanJobsOptions {
  storeDir: string;
  dbDir: string;
  configPath?: string;
  tlsVerify: boolean;
  certDir?: string;
  /** A token realm on another host than the registry: refused (default) or asked without credentials. */
  foreignRealm?: 'anonymous' | 'refuse';
  /** Scans running at once (worker threads). */
  workers: number;
  /** Scans waiting beyond those; a request past it is refused (500, Harbor retries later). */
  maxQueue: number;
  timeoutMs: number;
  /** How long job ids and their reports are kept. */
  retainMs: number;
  toolVersion: string;
  metrics: HarborMetrics;
  log: Logger;
  /** Old-generation heap limit of each worker thread (MiB). */
  workerHeapMb?: number;
}

export class QueueFullError extends Error {}

export type JobView = { job: JobRecord; scan: ScanRecord; outcome?: ScanOutcome };

export class ScanJobs {
  readonly store: JobStore;
  private readonly pool: Piscina<ScanTask, ScanOutcome>;
  /** Scans queued or running, by key: where a concurrent request for the same digest joins. */
  private readonly active = new Map<string, string>();
  private readonly running = new Set<Promise<void>>();
  private readonly pruneTimer: NodeJS.Timeout;
  private busy = 0;
  private readonly inFlight = new Set<AbortController>();
  /** Why the last worker thread died before taking a task, for /readyz. */
  workerFailure: string | undefined;
  private readonly waiting: Array<() => void> = [];
  /** No new scan starts (a stop is under way); queued ones stay queued in the store. */
  private stopping = false;
  /** Cut off: results of scans in flight are not recorded. */
  private aborted = false;

  constructor(private readonly options: ScanJobsOptions) {
    this.store = new JobStore(options.storeDir);
    this.pool = new Piscina<ScanTask, ScanOutcome>({
      filename: new URL('./scan-worker.js', import.meta.url).href,
      minThreads: 0,
      maxThreads: options.workers,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? 1024 },
    });
    // A thread that dies while running a scan fails that scan. One that dies before it took
    // a task (out of heap while loading) is reported on the pool instead — unhandled, that
    // 'error' event would end the adapter — and the scans waiting for it are failed with it.
    this.pool.on('error', (error: Error) => {
      this.workerFailure = redactText(error.message);
      options.log.error('worker.failed', { error: this.workerFailure });
      for (const c of this.inFlight) c.abort(new Error(`the scan's worker thread failed: ${this.workerFailure}`));
    });
    this.store.prune(options.retainMs);
    this.resume();
    this.pruneTimer = setInterval(() => this.store.prune(options.retainMs), 3_600_000);
    this.pruneTimer.unref();
    this.updateGauges();
  }

  /** Scans the store left unfinished: resumed when they needed no credential, failed otherwise. */
  private resume(): void {
    for (const scan of this.store.scans.values()) {
      if (scan.state !== 'queued' && scan.state !== 'running') continue;
      if (scan.needsCredential) {
        this.store.putScan({ ...scan, state: 'failed', error: 'the adapter restarted before this scan finished; registry credentials are never written to disk, so Harbor must send the scan request again' });
        this.options.log.info('scan.abandoned_on_restart', { scan: scan.id });
        continue;
      }
      this.options.log.info('scan.resumed', { scan: scan.id });
      this.start({ ...scan, state: 'queued' }, undefined);
    }
  }

  /**
   * Accepts a request: a new job id, joined to a scan of the same registry and
   * digest that is already queued or running, or to a new one.
   */
  submit(request: ScanRequest, target: RegistryTarget): { id: string; shared: boolean } {
    const authorization = request.registry.authorization?.trim() || undefined;
    // A request without a credential never joins a scan pulled with one (nor the reverse):
    // it must not get the report of an image it could not have pulled.
    const key = `${target.registry}|${request.artifact.digest}|${authorization ? 'credential' : 'anonymous'}`;
    const now = new Date().toISOString();
    let scanId = this.active.get(key);
    const shared = scanId !== undefined;
    if (!scanId) {
      if (this.queued() >= this.options.maxQueue) throw new QueueFullError(`${this.queued()} scans are waiting (the limit is ${this.options.maxQueue}); try again later`);
      scanId = randomUUID();
      const scan: ScanRecord = { id: scanId, key, registry: target.registry, plainHttp: target.plainHttp, repository: request.artifact.repository, digest: request.artifact.digest, state: 'queued', needsCredential: authorization !== undefined, createdAt: now, updatedAt: now };
      this.start(scan, authorization);
    }
    const job: JobRecord = { id: randomUUID(), scanId, artifact: request.artifact, createdAt: now, ...(request.enabled_capabilities && { capabilities: request.enabled_capabilities }) };
    this.store.putJob(job);
    this.options.metrics.scanRequests.inc({ shared: String(shared) });
    this.options.log.info('scan.accepted', { job: job.id, scan: scanId, shared, registry: target.registry, repository: request.artifact.repository, digest: request.artifact.digest });
    return { id: job.id, shared };
  }

  get(id: string): JobView | undefined {
    const job = this.store.jobs.get(id);
    const scan = job && this.store.scans.get(job.scanId);
    if (!job || !scan) return undefined;
    if (scan.state !== 'done') return { job, scan };
    const outcome = this.store.outcome(scan.id);
    return outcome ? { job, scan, outcome } : { job, scan: { ...scan, state: 'failed', error: 'the stored report could not be read' } };
  }

  /**
   * A graceful stop: scans already running finish and are recorded; queued ones do not
   * start and stay queued in the store (resumed at the next start when they need no credential).
   */
  async close(): Promise<void> {
    this.stopping = true;
    clearInterval(this.pruneTimer);
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.allSettled([...this.running]);
    await this.pool.destroy();
  }

  /** Ends at once: scans in progress are cut off and stay queued or running in the store, as after a crash. */
  async abort(): Promise<void> {
    this.stopping = true;
    this.aborted = true;
    clearInterval(this.pruneTimer);
    for (const wake of this.waiting.splice(0)) wake();
    await this.pool.destroy();
    await Promise.allSettled([...this.running]);
  }

  queued(): number {
    return [...this.store.scans.values()].filter((s) => s.state === 'queued').length;
  }

  private start(scan: ScanRecord, authorization: string | undefined): void {
    this.store.putScan(scan);
    this.active.set(scan.key, scan.id);
    this.updateGauges();
    const task: ScanTask = {
      registry: scan.registry,
      plainHttp: scan.plainHttp,
      repository: scan.repository,
      digest: scan.digest,
      dbDir: this.options.dbDir,
      tlsVerify: this.options.tlsVerify,
      timeoutMs: this.options.timeoutMs,
      toolVersion: this.options.toolVersion,
      ...(authorization !== undefined && { authorization }),
      ...(this.options.configPath !== undefined && { configPath: this.options.configPath }),
      ...(this.options.certDir !== undefined && { certDir: this.options.certDir }),
      ...(this.options.foreignRealm !== undefined && { foreignRealm: this.options.foreignRealm }),
    };
    const done = this.run(scan, task).finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Resolves when a worker is free; waiting scans start in the order they came. */
  private async slot(): Promise<void> {
    if (this.busy < this.options.workers) {
      this.busy++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }

  private async run(scan: ScanRecord, task: ScanTask): Promise<void> {
    const { metrics, log } = this.options;
    await this.slot();
    if (this.stopping) return;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const failure = new AbortController();
    this.inFlight.add(failure);
    const signal = AbortSignal.any([timeout, failure.signal]);
    const started = Date.now();
    let result: 'done' | 'failed' | 'timeout' = 'failed';
    try {
      this.store.putScan({ ...scan, state: 'running' });
      this.updateGauges();
      const outcome = await this.pool.run(task, { signal });
      this.store.putOutcome(scan.id, outcome);
      this.store.putScan({ ...scan, state: 'done' });
      this.workerFailure = undefined;
      result = 'done';
      log.info('scan.done', { scan: scan.id, seconds: (Date.now() - started) / 1000, vulnerabilities: outcome.vulnerabilities.length, findings: outcome.findings.length });
    } catch (error) {
      if (this.aborted) return;
      const timedOut = timeout.aborted;
      result = timedOut ? 'timeout' : 'failed';
      const cause = failure.signal.aborted ? (failure.signal.reason as Error) : (error as Error);
      const message = timedOut ? `the scan did not finish within ${Math.round(this.options.timeoutMs / 1000)} s` : redactText(cause?.message ?? String(cause));
      this.store.putScan({ ...scan, state: 'failed', error: message });
      log.error('scan.failed', { scan: scan.id, error: message });
    } finally {
      this.inFlight.delete(failure);
      this.release();
      if (!this.aborted) {
        this.active.delete(scan.key);
        metrics.scans.inc({ result });
        metrics.scanDuration.observe({ result }, (Date.now() - started) / 1000);
        this.updateGauges();
      }
    }
  }

  private updateGauges(): void {
    const states = { queued: 0, running: 0 };
    for (const s of this.store.scans.values()) if (s.state === 'queued' || s.state === 'running') states[s.state]++;
    this.options.metrics.scansInProgress.set({ state: 'running' }, states.running);
    this.options.metrics.scansInProgress.set({ state: 'queued' }, states.queued);
  }
}
