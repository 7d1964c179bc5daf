/**
 * Test prerequisites (a program on PATH, the conformance data beside the checkout).
 * Outside CI a test may skip, with the reason printed; with CI=true a missing
 * prerequisite fails the test, never skips it silently.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (dist/test/support → ../../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `../shared/conformance` beside the checkout. */
export const conformanceDir = resolve(repoRoot, '../shared/conformance');

export const inCI = process.env['CI'] === 'true';

/**
 * Returns undefined when the prerequisite holds, or a skip reason outside CI.
 * Throws in CI, so the test fails.
 */
export function prerequisite(ok: boolean, what: string): string | undefined {
  if (ok) return undefined;
  const reason = `prerequisite missing: ${what}`;
  if (inCI) throw new Error(`${reason} (CI=true: a missing prerequisite is a failure)`);
  console.log(`# skipped: ${reason}`);
  return reason;
}

export function hasProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Skip reason (or undefined) for a test needing `programs` on PATH. */
export function needPrograms(...programs: string[]): string | undefined {
  const missing = programs.filter((p) => !hasProgram(p));
  return prerequisite(missing.length === 0, `${missing.join(', ')} not on PATH`);
}

/** Skip reason (or undefined) for a test needing a conformance folder. */
export function needConformance(sub: string): string | undefined {
  const dir = resolve(conformanceDir, sub);
  return prerequisite(existsSync(dir), `${dir} (conformance data is beside the checkout in CI)`);
}
