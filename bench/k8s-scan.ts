/**
 * Issue 2 benchmark: a whole `seaworthy scan --format json` of 5,000 generated
 * manifests against a process that only reads and `loadAll`s the same files.
 * Target: the scan takes at most 2× the baseline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeK8sCorpus } from './k8s-corpus.js';
import { compare, timeProcess } from './measure.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');

export async function runK8sScanBench(runs = 5): Promise<{ ratio: number; scanMs: number; baselineMs: number; bytes: number; files: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-bench-'));
  try {
    const corpus = join(dir, 'corpus');
    const { files, bytes } = await writeK8sCorpus(corpus);
    const out = join(dir, 'report.json');
    const bin = join(root, 'bin/seaworthy.js');
    const baselineScript = join(root, 'dist/bench/baseline-yaml.js');
    const r = compare(
      runs,
      () => timeProcess(process.execPath, [bin, 'scan', corpus, '--format', 'json', '--output', out], [0, 1]),
      () => timeProcess(process.execPath, [baselineScript, corpus]),
    );
    console.log(`k8s scan: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
    console.log(`  baseline (read + js-yaml loadAll): median ${r.baseline.medianMs.toFixed(0)} ms  [${r.baseline.runsMs.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  seaworthy scan --format json:      median ${r.subject.medianMs.toFixed(0)} ms  [${r.subject.runsMs.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  ratio scan/baseline: ${r.ratio.toFixed(2)}x (target <= 2.00x)`);
    return { ratio: r.ratio, scanMs: r.subject.medianMs, baselineMs: r.baseline.medianMs, bytes, files: files.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
