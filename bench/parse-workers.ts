/**
 * Would worker threads pay for parsing? The 5,000-manifest corpus parsed by
 * parseYaml (the fast reader) in the main thread, then split over two worker
 * threads that either keep what they parse (the best case: rules would run there
 * too and send back only findings) or send the values back by structured clone
 * (what a scan that builds its model in the main thread would need; position
 * trees are classes and would have to be rebuilt on top). Prints wall and CPU
 * time (the process's, all threads) of each, medians of alternating rounds.
 * On demand only: `npm run bench -- parse-workers`.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFile } from '../src/sources/source-file.js';
import { parseYaml } from '../src/sources/yaml/parse-yaml.js';
import { median } from './measure.js';
import { writeK8sCorpus } from './k8s-corpus.js';

interface Job {
  paths: string[];
  sendValues: boolean;
}

function parseAll(paths: readonly string[]): unknown[] {
  const values: unknown[] = [];
  for (const path of paths) for (const doc of parseYaml(sourceFile(path, readFileSync(path, 'utf8')), { dialect: 'kubernetes' })) values.push(doc.value);
  return values;
}

if (!isMainThread && parentPort && (workerData as { parseWorkers?: boolean } | undefined)?.parseWorkers) {
  const port = parentPort;
  port.on('message', (job: Job) => {
    const values = parseAll(job.paths);
    port.postMessage(job.sendValues ? values : values.length);
  });
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function timed(run: () => Promise<unknown> | unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = cpuMs();
  const w0 = performance.now();
  await run();
  return { wall: performance.now() - w0, cpu: cpuMs() - c0 };
}

export async function runParseWorkersBench(rounds = 5): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-bench-'));
  const workers = [0, 1].map(() => new Worker(fileURLToPath(import.meta.url), { workerData: { parseWorkers: true } }));
  try {
    await writeK8sCorpus(dir, 5000);
    const paths = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).map((n) => join(dir, n));
    const halves = [paths.filter((_, i) => i % 2 === 0), paths.filter((_, i) => i % 2 === 1)];
    const inWorkers = (sendValues: boolean) => () =>
      Promise.all(workers.map((w, i) => new Promise((resolve) => {
        w.once('message', resolve);
        w.postMessage({ paths: halves[i]!, sendValues } satisfies Job);
      })));
    // Warm the JIT of every thread once.
    parseAll(paths);
    await inWorkers(false)();
    const runs: Record<string, () => Promise<unknown> | unknown> = {
      'main thread': () => parseAll(paths),
      'two workers, values kept there': inWorkers(false),
      'two workers, values cloned back': inWorkers(true),
    };
    const results: Record<string, { wall: number[]; cpu: number[] }> = {};
    for (let r = 0; r < rounds; r++) {
      for (const [name, run] of Object.entries(runs)) {
        const t = await timed(run);
        const slot = (results[name] ??= { wall: [], cpu: [] });
        slot.wall.push(t.wall);
        slot.cpu.push(t.cpu);
      }
    }
    console.log(`parse in worker threads: 5,000 manifests, parseYaml (medians of ${rounds} alternating rounds; CPU of all threads)`);
    const base = results['main thread']!;
    for (const [name, t] of Object.entries(results)) {
      console.log(`  ${name.padEnd(32)} wall ${median(t.wall).toFixed(0).padStart(6)} ms (${(median(t.wall) / median(base.wall)).toFixed(2)}×)  CPU ${median(t.cpu).toFixed(0).padStart(6)} ms (${(median(t.cpu) / median(base.cpu)).toFixed(2)}×)`);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await rm(dir, { recursive: true, force: true });
  }
}
