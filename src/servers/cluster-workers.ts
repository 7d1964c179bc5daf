/**
 * `seaworthy serve --workers N`: N processes (node:cluster) sharing one listening socket,
 * so reviews use more than one core. Each worker is a whole `seaworthy serve`: its own
 * TLS context reloaded when the certificate changes, its own configuration reload, its
 * own graceful drain. The primary only forks, forwards signals, replaces a worker that
 * dies, and sums the workers' metrics for `/metrics` (prom-client's AggregatorRegistry):
 * whichever worker a scrape reaches answers with the sum over all of them.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from './json-log.js';

/** `--workers`: a whole number, or `auto` for one per core this process may use. */
export function parseWorkers(text: string): number | undefined {
  if (text === 'auto') return availableParallelism();
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 256 ? n : undefined;
}

const METRICS_REQUEST = 'seaworthy:metrics-request';
const METRICS_ANSWER = 'seaworthy:metrics-answer';

interface MetricsMessage {
  type: string;
  id: number;
  text?: string;
  error?: string;
}

/** In a worker: the metrics of every worker, summed by the primary. */
export function workerMetricsText(registry: Registry): () => Promise<string> {
  // Lets the primary read this worker's registry (prom-client answers its requests).
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
  let next = 0;
  const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();
  process.on('message', (message: MetricsMessage) => {
    if (message?.type !== METRICS_ANSWER) return;
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    if (message.error !== undefined) w.reject(new Error(message.error));
    else w.resolve(message.text ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      process.send!({ type: METRICS_REQUEST, id } satisfies MetricsMessage);
    });
}

export interface PrimaryOptions {
  workers: number;
  log: Logger;
  /** A replacement for a worker that died is started after this long (ms). */
  restartDelayMs?: number;
}

/**
 * Runs the primary: forks the workers (which run this same command line), forwards
 * SIGTERM and SIGINT to them, and resolves with the exit code once every worker has
 * exited: 0 when each drained and exited 0, else the first failing worker's code. A worker that dies after it listened is
 * replaced; one that dies before it ever listened (a port in use, a bad certificate)
 * stops them all, as a single process would have stopped.
 *
 * @example
 * if (cluster.isPrimary && workers > 1) return runPrimary({ workers, log });
 */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const { log } = options;
  const aggregator = new AggregatorRegistry();
  const listened = new Set<number>();
  // Our own count: cluster.workers still lists a worker in its 'exit' event until its IPC channel closes.
  const alive = new Map<number, Worker>();
  let stopping: string | undefined;
  // The first failing worker's exit code (a worker killed by a signal counts as 2, seaworthy's error code).
  let failed: number | undefined;
  const fork = (): Worker => {
    const worker = cluster.fork();
    alive.set(worker.id, worker);
    worker.on('message', (message: MetricsMessage) => {
      if (message?.type !== METRICS_REQUEST) return;
      aggregator.clusterMetrics().then(
        (text) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, text } satisfies MetricsMessage),
        (error: Error) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, error: error.message } satisfies MetricsMessage),
      );
    });
    return worker;
  };
  const stopAll = (signal: NodeJS.Signals): void => {
    for (const worker of alive.values()) worker.process.kill(signal);
  };
  return new Promise<number>((resolve) => {
    cluster.on('listening', (worker) => listened.add(worker.id));
    cluster.on('exit', (worker, code, signal) => {
      alive.delete(worker.id);
      const clean = code === 0 && !signal;
      if (!clean) log.error('worker.exited', { worker: worker.id, pid: worker.process.pid, code, signal });
      if (!stopping) {
        if (listened.has(worker.id)) {
          // A crash under load must not leave the service short of a process for long.
          setTimeout(() => !stopping && fork(), options.restartDelayMs ?? 1000).unref();
        } else {
          // It never served: the next one would fail the same way.
          failed ??= code || 2;
          stopping = 'worker-failed';
          stopAll('SIGTERM');
        }
      } else if (!clean) failed ??= code || 2;
      if (alive.size === 0 && stopping) resolve(failed ?? 0);
    });
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = signal;
      log.info('serve.signal', { signal, workers: alive.size });
      stopAll(signal);
      if (alive.size === 0) resolve(failed ?? 0);
    };
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    process.on('SIGINT', () => onSignal('SIGINT'));
    for (let i = 0; i < options.workers; i++) fork();
    log.info('serve.workers', { workers: options.workers, pid: process.pid });
  });
}
