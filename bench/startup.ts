/**
 * Start-up: a scan of one small file against a bare `node -e 0` in the same run, for
 * a Containerfile and for a Kubernetes manifest. It runs in pre-commit hooks and
 * editors, so it must stay close to Node's own start. The target is checked on CPU
 * and on wall time.
 *
 * NODE_EXTRA_CA_CERTS makes every Node process read and parse that CA bundle before
 * running anything (about 90 ms for Debian's 140 certificates on this machine): set,
 * it adds the same fixed cost to both sides and flatters the ratio. The targets are
 * therefore judged on processes started without it; when it is set, the comparison
 * with it is printed too.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareProcesses, printComparison, printTargets, runProcess, SEAWORTHY, target, type Target } from './measure.js';
import { containerfile } from './corpora.js';
import { manifest } from './k8s-corpus.js';

export async function runStartupBench(runs = 25): Promise<Target[]> {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-bench-'));
  const { NODE_EXTRA_CA_CERTS: extraCerts, ...plain } = process.env;
  const environments: [string, NodeJS.ProcessEnv][] = [['', plain]];
  if (extraCerts !== undefined) environments.push([` (NODE_EXTRA_CA_CERTS=${extraCerts}, no target)`, process.env]);
  try {
    const targets: Target[] = [];
    for (const [name, label, text] of [
      ['Containerfile', 'Containerfile', containerfile(3)],
      ['deployment.yaml', 'Kubernetes manifest', manifest(3)],
    ] as const) {
      const file = join(dir, name);
      await writeFile(file, text);
      for (const [note, env] of environments) {
        const scan = () => runProcess(process.execPath, [SEAWORTHY, 'scan', file, '--format', 'json', '--output', join(dir, 'report.json')], { okCodes: [0, 1], env });
        const c = compareProcesses(runs, scan, () => runProcess(process.execPath, ['-e', '0'], { env }));
        printComparison(`start-up: scan of one small ${label}${note}`, 'seaworthy scan --format json', 'node -e 0', c);
        if (note) continue;
        const t = [target(`scan of one small ${label} vs node -e 0, CPU`, c.cpuRatio, '<=', 1.5), target(`scan of one small ${label} vs node -e 0, wall`, c.wallRatio, '<=', 1.5)];
        printTargets(t);
        targets.push(...t);
      }
    }
    return targets;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
