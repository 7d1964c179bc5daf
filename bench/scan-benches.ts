/**
 * Whole `seaworthy scan --format json` runs against the fastest well-known way to do
 * the bare work on the same files, each in its own process: js-yaml 4.1 `loadAll`
 * for Kubernetes and Compose, mvdan-sh for run lines, our buildkit-conformant parser
 * for Containerfiles. Prints CPU and wall ratios and both peak RSS, and issue 11's
 * targets with met / not met.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeK8sCorpus } from './k8s-corpus.js';
import { writeComposeCorpus, writeContainerfileCorpus, writeLargeManifest, writeScriptCorpus } from './corpora.js';
import { compareProcesses, measureRuns, printComparison, printTargets, ROOT, runProcess, SEAWORTHY, target, type Comparison, type Target } from './measure.js';

const BASELINES = {
  yaml: { script: 'dist/bench/baseline-yaml.js', label: 'read + js-yaml 4.1 loadAll' },
  shell: { script: 'dist/bench/baseline-shell.js', label: 'read + mvdan-sh parse' },
  dockerfile: { script: 'dist/bench/baseline-dockerfile.js', label: 'read + buildkit-conformant parse' },
};

export const scanRun = (path: string, out: string, extra: string[] = []) => () =>
  runProcess(process.execPath, [SEAWORTHY, 'scan', path, '--format', 'json', '--output', out, ...extra], { okCodes: [0, 1] });
const baselineRun = (kind: keyof typeof BASELINES, path: string) => () => runProcess(process.execPath, [join(ROOT, BASELINES[kind].script), path]);

async function inTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-bench-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function corpusBench(
  title: string,
  write: (dir: string) => Promise<{ files: number | string[]; bytes: number }>,
  kind: keyof typeof BASELINES,
  runs: number,
): Promise<Comparison> {
  return inTemp(async (dir) => {
    const corpus = join(dir, 'corpus');
    const { files, bytes } = await write(corpus);
    const n = typeof files === 'number' ? files : files.length;
    const c = compareProcesses(runs, scanRun(corpus, join(dir, 'report.json')), baselineRun(kind, corpus));
    printComparison(`${title}: ${n} files, ${(bytes / 1e6).toFixed(1)} MB`, 'seaworthy scan --format json', BASELINES[kind].label, c);
    return c;
  });
}

export async function runK8sBench(runs = 5): Promise<Target[]> {
  const c = await corpusBench('kubernetes', (d) => writeK8sCorpus(d, 5000), 'yaml', runs);
  const targets = [target('kubernetes 5,000 manifests, CPU vs js-yaml 4', c.cpuRatio, '<=', 1.5)];
  printTargets(targets);
  return targets;
}

export async function runComposeBench(runs = 5): Promise<Target[]> {
  const c = await corpusBench('compose', (d) => writeComposeCorpus(d, 2000), 'yaml', runs);
  const targets = [target('compose 2,000 files, CPU vs js-yaml 4', c.cpuRatio, '<=', 1.5)];
  printTargets(targets);
  return targets;
}

/** Run lines and Containerfiles have no target of their own; their ratios are printed. */
export async function runRunLineBench(runs = 5): Promise<Target[]> {
  await corpusBench('run lines', (d) => writeScriptCorpus(d, 2000), 'shell', runs);
  return [];
}

export async function runContainerfileBench(runs = 5): Promise<Target[]> {
  await corpusBench('containerfiles', (d) => writeContainerfileCorpus(d, 2000), 'dockerfile', runs);
  return [];
}

/**
 * Memory: 20,000 manifests against the baseline, the growth of the scan's peak RSS
 * from 5,000 to 20,000 manifests, and one 50 MB multi-document file.
 */
export async function runMemoryBench(runs = 5): Promise<Target[]> {
  return inTemp(async (dir) => {
    const small = join(dir, 'k5000');
    const large = join(dir, 'k20000');
    await writeK8sCorpus(small, 5000);
    const { bytes } = await writeK8sCorpus(large, 20000);
    const out = join(dir, 'report.json');
    const c20 = compareProcesses(runs, scanRun(large, out), baselineRun('yaml', large));
    printComparison(`kubernetes: 20000 files, ${(bytes / 1e6).toFixed(1)} MB`, 'seaworthy scan --format json', BASELINES.yaml.label, c20);
    const s5 = measureRuns(runs, scanRun(small, out));
    const perManifestKb = ((c20.subject.peakRssMb - s5.peakRssMb) * 1024) / 15000;
    console.log(`  scan peak RSS at 5,000 manifests ${s5.peakRssMb.toFixed(0)} MB, at 20,000 ${c20.subject.peakRssMb.toFixed(0)} MB: ${perManifestKb.toFixed(1)} KB per manifest`);

    const file = join(dir, 'large.yaml');
    const big = await writeLargeManifest(file, 50e6);
    // Above the default 10 MiB per-file limit, which would otherwise skip it.
    const cBig = compareProcesses(runs, scanRun(file, out, ['--max-file-size', '64MiB']), baselineRun('yaml', file));
    printComparison(`kubernetes: one ${(big.bytes / 1e6).toFixed(0)} MB file of ${big.manifests} manifests`, 'seaworthy scan --format json', BASELINES.yaml.label, cBig);

    const targets = [
      target('peak RSS at 20,000 manifests vs js-yaml 4', c20.rssRatio, '<=', 3),
      target('peak RSS growth from 5,000 to 20,000 manifests', perManifestKb, '<=', 5, 'KB/manifest'),
      target('peak RSS of one 50 MB file vs js-yaml 4', cBig.rssRatio, '<=', 4),
    ];
    printTargets(targets);
    return targets;
  });
}
