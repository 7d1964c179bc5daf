/**
 * Start-up: a scan of one small file against a bare `node -e 0` in the same run. It
 * runs in pre-commit hooks and editors, so it must stay close to Node's own start.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareProcesses, printComparison, printTargets, runProcess, target, type Target } from './measure.js';
import { containerfile } from './corpora.js';
import { scanRun } from './scan-benches.js';

export async function runStartupBench(runs = 15): Promise<Target[]> {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-bench-'));
  try {
    const file = join(dir, 'Containerfile');
    await writeFile(file, containerfile(3));
    const c = compareProcesses(runs, scanRun(file, join(dir, 'report.json')), () => runProcess(process.execPath, ['-e', '0']));
    printComparison('start-up: scan of one small Containerfile', 'seaworthy scan --format json', 'node -e 0', c);
    const targets = [target('scan of one small file vs node -e 0, wall', c.wallRatio, '<=', 1.5)];
    printTargets(targets);
    return targets;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
