/**
 * Issue 3's exactness test, end to end: every Pod Security Admission fixture read
 * by the Kubernetes source and judged by the pod-security rules at its level and
 * version. A pass fixture gives no pod-security finding; a fail fixture gives at
 * least one, and one names the fixture's check (or the check that replaces it at
 * that level and version, as upstream).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, needConformance } from '../support/prerequisites.js';
import { buildModel } from '../../src/scan/build-model.js';
import { runRules } from '../../src/engine/run-rules.js';
import { DEFAULT_SETTINGS } from '../../src/scan/scan.js';
import baseline from '../../src/rules/pod-security-baseline.js';
import restricted from '../../src/rules/pod-security-restricted.js';
import { activePodSecurityChecks, parsePodSecurityVersion } from '../../src/pod-security/index.js';

const skip = needConformance('pod-security-admission');

test('every PSA fixture: same verdict through source, model and rules', { skip }, () => {
  const dir = join(conformanceDir, 'pod-security-admission');
  const rows = readFileSync(join(dir, 'expectations.tsv'), 'utf8').trim().split('\n').filter((l) => l && !l.startsWith('level\t'));
  let agree = 0;
  const failures: string[] = [];
  for (const row of rows) {
    const [level, version, verdict, check, path] = row.split('\t') as [string, string, string, string, string];
    const text = readFileSync(join(dir, path), 'utf8');
    const { model, errors } = buildModel([{ path, text }]);
    const findings = runRules(model, { rules: [baseline, restricted], settings: { ...DEFAULT_SETTINGS, podSecurity: { level: level as 'baseline' | 'restricted', version } } });
    const ids = findings.map((f) => /^\S+ (\S+):/.exec(f.message)?.[1]?.toLowerCase() ?? '');
    // The check named by the file, or one that supersedes it at this level and version.
    const v = parsePodSecurityVersion(version)!;
    const named = check.toLowerCase();
    const accepted = new Set([named]);
    for (const active of activePodSecurityChecks(level as 'baseline' | 'restricted', v)) {
      if (active.implementation.supersedes?.some((id) => id.toLowerCase() === named)) accepted.add(active.id.toLowerCase());
    }
    const ok = verdict === 'pass'
      ? findings.length === 0 && errors.length === 0
      : findings.length > 0 && ids.some((id) => accepted.has(id));
    if (ok) agree++;
    else if (failures.length < 20) failures.push(`${path}: ${verdict}, got [${ids.join(', ')}] ${errors.map((e) => e.message).join('; ')}`);
    if (findings.length) {
      for (const f of findings) assert.ok(f.location.startLine >= 1 && f.location.file === path);
    }
  }
  console.log(`# pod-security conformance through the scanner: ${agree}/${rows.length} agree`);
  assert.deepEqual(failures, []);
  assert.equal(agree, rows.length);
});
