/**
 * Errors, warnings and findings per corpus, as `seaworthy scan DIR` reports them:
 * `node dist/scripts/corpus-counts.js DIR...` prints one line per directory (the
 * numbers the "real repositories" tests and the README quote).
 */
import { runScan } from '../src/scan/run-scan.js';

for (const dir of process.argv.slice(2)) {
  const { result } = await runScan([dir]);
  const byCode = new Map<string, number>();
  for (const e of result.errors) byCode.set(e.code, (byCode.get(e.code) ?? 0) + 1);
  const codes = [...byCode].map(([c, n]) => `${c}×${n}`).join(' ');
  console.log(`${dir}\tfiles ${result.scanned.files}\terrors ${result.errors.length}${codes ? ` (${codes})` : ''}\twarnings ${result.warnings?.length ?? 0}\tfindings ${result.findings.length}\texit ${result.errors.length ? 2 : result.findings.length ? 1 : 0}`);
}
