/**
 * Layer analysis throughput against a baseline measured in the same run on the
 * same layer: Node's gunzip (1 MiB reads and output chunks) plus a tar-stream listing. The layer is
 * ≥300 MB uncompressed, built from real files (copies of /usr) in a temp dir.
 * Each measurement runs in its own process so peak RSS is that of the work alone.
 *
 * Run: node dist/bench/image-layer.js   (or import { runImageBench }).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { analyzeLayer } from '../src/sources/image/analyze-layer.js';
import { DEFAULT_LIMITS } from '../src/sources/image/limits.js';

export interface ImageBenchFigures {
  uncompressedBytes: number;
  compressedBytes: number;
  files: number;
  baseline: { seconds: number; mbPerSecond: number; peakRssMb: number };
  seaworthy: { seconds: number; mbPerSecond: number; peakRssMb: number };
  /** seaworthy throughput / baseline throughput (target ≥ 0.8). */
  ratio: number;
}

const TARGET = 300 * 1e6;

/** Real files under /usr, regular and below 64 MiB, in a stable order. */
function* usrFiles(dir = '/usr'): Generator<{ path: string; size: number; mode: number }> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path, { throwIfNoEntry: false });
    } catch {
      continue;
    }
    if (!st) continue;
    if (st.isDirectory()) yield* usrFiles(path);
    else if (st.isFile() && st.size < 64 << 20) yield { path, size: st.size, mode: st.mode & 0o7777 };
  }
}

/** Writes a gzip layer of copies of /usr files until it holds ≥ TARGET bytes. */
async function buildLayer(file: string): Promise<{ uncompressed: number; files: number }> {
  const pack = tar.pack();
  const written = pipeline(pack as unknown as NodeJS.ReadableStream, createGzip(), createWriteStream(file));
  let total = 0;
  let files = 0;
  for (let copy = 0; total < TARGET; copy++) {
    let added = 0;
    for (const f of usrFiles()) {
      const entry = pack.entry({ name: `copy${copy}${f.path}`, size: f.size, mode: f.mode });
      try {
        await pipeline(createReadStream(f.path), entry as unknown as NodeJS.WritableStream);
      } catch {
        throw new Error(`reading ${f.path} for the bench layer failed`);
      }
      total += f.size;
      files++;
      added++;
      if (total >= TARGET) break;
    }
    if (!added) throw new Error('no readable files under /usr to build the bench layer from');
  }
  pack.finalize();
  await written;
  return { uncompressed: total, files };
}

/** One measurement, run in a child process: prints {seconds, bytes, maxRssKb}. */
async function measure(kind: string, file: string, digest: string): Promise<void> {
  const start = process.hrtime.bigint();
  let bytes = 0;
  if (kind === 'baseline') {
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      bytes += header.size ?? 0;
      stream.on('end', () => next());
      stream.resume();
    });
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createGunzip({ chunkSize: 1 << 20 }), extract as unknown as NodeJS.WritableStream);
  } else {
    const result = await analyzeLayer(createReadStream(file, { highWaterMark: 1 << 20 }), { layerIndex: 0, limits: DEFAULT_LIMITS, digest });
    bytes = result.expandedBytes;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, bytes, maxRssKb: process.resourceUsage().maxRSS }));
}

function runChild(kind: string, file: string, digest: string): { seconds: number; maxRssKb: number } {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'measure', kind, file, digest], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${kind} measurement failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { seconds: number; maxRssKb: number };
}

/**
 * Builds the layer, measures both readers (best of `rounds`, alternating), prints
 * and returns the figures.
 *
 * @example
 * const { ratio } = await runImageBench();
 */
export async function runImageBench(rounds = 3): Promise<ImageBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-bench-'));
  try {
    const file = join(dir, 'layer.tar.gz');
    const built = await buildLayer(file);
    const hash = createHash('sha256');
    await pipeline(createReadStream(file), hash);
    const digest = `sha256:${hash.digest('hex')}`;
    const best = { baseline: { seconds: Infinity, maxRssKb: 0 }, seaworthy: { seconds: Infinity, maxRssKb: 0 } };
    for (let i = 0; i < rounds; i++) {
      for (const kind of ['baseline', 'seaworthy'] as const) {
        const m = runChild(kind, file, digest);
        best[kind] = { seconds: Math.min(best[kind].seconds, m.seconds), maxRssKb: Math.max(best[kind].maxRssKb, m.maxRssKb) };
      }
    }
    const mb = built.uncompressed / 1e6;
    const figure = (k: 'baseline' | 'seaworthy') => ({ seconds: round(best[k].seconds), mbPerSecond: round(mb / best[k].seconds), peakRssMb: round(best[k].maxRssKb / 1024) });
    const figures: ImageBenchFigures = {
      uncompressedBytes: built.uncompressed,
      compressedBytes: statSync(file).size,
      files: built.files,
      baseline: figure('baseline'),
      seaworthy: figure('seaworthy'),
      ratio: round(best.baseline.seconds / best.seaworthy.seconds),
    };
    console.log(
      `image layer: ${round(mb)} MB uncompressed (${round(figures.compressedBytes / 1e6)} MB gzip, ${built.files} files)\n` +
        `  baseline  gunzip + tar-stream listing: ${figures.baseline.mbPerSecond} MB/s, peak RSS ${figures.baseline.peakRssMb} MB\n` +
        `  seaworthy layer analysis:            ${figures.seaworthy.mbPerSecond} MB/s, peak RSS ${figures.seaworthy.peakRssMb} MB\n` +
        `  ratio (seaworthy / baseline throughput): ${figures.ratio} (target ≥ 0.8)`,
    );
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'measure') await measure(process.argv[3]!, process.argv[4]!, process.argv[5]!);
  else await runImageBench();
}
