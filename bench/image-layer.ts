/**
 * Layer analysis throughput against a baseline measured in the same run on the
 * same layer: sha256 of the blob, Node's gunzip (1 MiB reads and output chunks) and a tar-stream listing. The layer is
 * ≥300 MB uncompressed, built from real files (copies of /usr) in a temp dir.
 * Each measurement runs in its own process so peak RSS is that of the work alone.
 *
 * Run: node dist/bench/image-layer.js   (or import { runImageBench }).
 */
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
import { compareProcesses, printComparison, printTargets, runProcess, target, type Target } from './measure.js';

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

/** One measurement, run in a child process under bench/rusage.py. */
async function measure(kind: string, file: string, digest: string): Promise<void> {
  if (kind === 'baseline') {
    // The bare work: hash the blob (its digest), gunzip it and list its tar entries.
    const hash = createHash('sha256');
    const extract = tar.extract();
    extract.on('entry', (_header, stream, next) => {
      stream.on('end', () => next());
      stream.resume();
    });
    const read = createReadStream(file, { highWaterMark: 1 << 20 });
    read.on('data', (chunk) => hash.update(chunk));
    await pipeline(read, createGunzip({ chunkSize: 1 << 20 }), extract as unknown as NodeJS.WritableStream);
    if (`sha256:${hash.digest('hex')}` !== digest) throw new Error('baseline digest mismatch');
  } else {
    await analyzeLayer(createReadStream(file, { highWaterMark: 1 << 20 }), { layerIndex: 0, limits: DEFAULT_LIMITS, digest });
  }
}

/**
 * Builds the layer, measures both readers (medians of `runs` alternating runs),
 * prints the figures and the targets: throughput ≥ 0.9× and peak RSS ≤ 1.3× the
 * baseline's.
 *
 * @example
 * const targets = await runImageBench();
 */
export async function runImageBench(runs = 5): Promise<Target[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-bench-'));
  try {
    const file = join(dir, 'layer.tar.gz');
    const built = await buildLayer(file);
    const hash = createHash('sha256');
    await pipeline(createReadStream(file), hash);
    const digest = `sha256:${hash.digest('hex')}`;
    const self = fileURLToPath(import.meta.url);
    const child = (kind: string) => () => runProcess(process.execPath, [self, 'measure', kind, file, digest]);
    const c = compareProcesses(runs, child('seaworthy'), child('baseline'));
    const mb = built.uncompressed / 1e6;
    printComparison(
      `image layer: ${mb.toFixed(0)} MB uncompressed (${(statSync(file).size / 1e6).toFixed(0)} MB gzip, ${built.files} files)`,
      `seaworthy layer analysis (${(mb / (c.subject.wallMs / 1000)).toFixed(0)} MB/s)`,
      `gunzip + tar listing + sha256 (${(mb / (c.baseline.wallMs / 1000)).toFixed(0)} MB/s)`,
      c,
    );
    const targets = [
      target('image layer throughput vs gunzip + tar + sha256 (wall)', 1 / c.wallRatio, '>=', 0.9),
      target('image layer peak RSS vs gunzip + tar + sha256', c.rssRatio, '<=', 1.3),
    ];
    printTargets(targets);
    return targets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'measure') await measure(process.argv[3]!, process.argv[4]!, process.argv[5]!);
  else await runImageBench();
}
