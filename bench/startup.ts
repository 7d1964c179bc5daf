/**
 * Start-up: a scan of one small file against a bare `node -e 0` in the same run, for
 * a Containerfile and for a Kubernetes manifest. It runs in pre-commit hooks and
 * editors, so it must stay close to Node's own start. The target is checked on CPU
 * and on wall time.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareProcesses, printComparison, printTargets, runProcess, target, type Target } from './measure.js';
import { containerfile } from './corpora.js';
import { manifest } from './k8s-corpus.js';
import { scanRun } from './scan-benches.js';

export async function runStartupBench(runs = 25): Promise<Target[]> {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-bench-'));
  try {
    const targets: Target[] = [];
    for (const [name, label, text] of [
      ['Containerfile', 'Containerfile', containerfile(3)],
      ['deployment.yaml', 'Kubernetes manifest', manifest(3)],
    ] as const) {
      const file = join(dir, name);
      await writeFile(file, text);
      const c = compareProcesses(runs, scanRun(file, join(dir, 'report.json')), () => runProcess(process.execPath, ['-e', '0']));
      printComparison(`start-up: scan of one small ${label}`, 'seaworthy scan --format json', 'node -e 0', c);
      const t = [target(`scan of one small ${label} vs node -e 0, CPU`, c.cpuRatio, '<=', 1.5), target(`scan of one small ${label} vs node -e 0, wall`, c.wallRatio, '<=', 1.5)];
      printTargets(t);
      targets.push(...t);
    }
    return targets;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
