/**
 * Start-up: `seaworthy --version` against a bare `node -e ''` in the same run. It
 * runs in pre-commit hooks and editors, so it must stay close to Node's own start.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, timeProcess } from './measure.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export async function runStartupBench(runs = 15): Promise<{ ratio: number; versionMs: number; nodeMs: number }> {
  const bin = join(root, 'bin/seaworthy.js');
  const r = compare(
    runs,
    () => timeProcess(process.execPath, [bin, '--version']),
    () => timeProcess(process.execPath, ['-e', '']),
  );
  console.log(`start-up: seaworthy --version median ${r.subject.medianMs.toFixed(0)} ms, node -e '' median ${r.baseline.medianMs.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)}x`);
  return { ratio: r.ratio, versionMs: r.subject.medianMs, nodeMs: r.baseline.medianMs };
}
