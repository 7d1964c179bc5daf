/**
 * Our own rules against Kubernetes' Pod Security Admission fixtures, for the
 * practices both express the same way: a pod PSA's restricted level admits trips
 * none of them, and a pod PSA denies for one of those checks trips ours. (Checks
 * whose meaning differs on purpose — `capabilities_baseline` vs our dangerous set,
 * `hostPathVolumes` vs sensitive paths — are left out.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir, needConformance } from '../support/prerequisites.js';
import { buildModel } from '../../src/scan/build-model.js';
import { runRules } from '../../src/engine/run-rules.js';
import { DEFAULT_SETTINGS } from '../../src/scan/scan.js';
import { rules } from '../../src/rules/index.js';

const skip = needConformance('pod-security-admission');
const dir = join(conformanceDir, 'pod-security-admission');

const SAME_PRACTICE: Record<string, string> = {
  runasnonroot: 'run-as-root',
  allowprivilegeescalation: 'privilege-escalation-allowed',
  seccompprofile_restricted: 'seccomp-unconfined',
  seccompprofile_baseline: 'seccomp-unconfined',
  privileged: 'privileged-container',
  selinuxoptions: 'selinux-disabled',
  hostports: 'port-exposed-all-interfaces',
};

function findings(path: string, ruleIds: string[]) {
  const { model } = buildModel([{ path, text: readFileSync(join(dir, path), 'utf8') }]);
  return runRules(model, { rules: rules.filter((r) => ruleIds.includes(r.id)), settings: DEFAULT_SETTINGS });
}

test('pods PSA restricted admits (latest policy) trip none of the same practices here', { skip }, () => {
  const passDir = 'restricted/v1.37/pass';
  const files = readdirSync(join(dir, passDir)).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length > 10);
  const ids = [...new Set(Object.values(SAME_PRACTICE)), 'capabilities-not-dropped', 'host-namespaces', 'host-network'];
  for (const f of files) assert.deepEqual(findings(`${passDir}/${f}`, ids).map((x) => `${x.ruleId}: ${x.message}`), [], f);
});

test('pods PSA denies for one of those checks trip the matching rule here', { skip }, () => {
  const rows = readFileSync(join(dir, 'expectations.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  let checked = 0;
  for (const [, version, verdict, check, path] of rows) {
    const ruleId = SAME_PRACTICE[check!];
    if (version !== 'v1.37' || verdict !== 'fail' || !ruleId) continue;
    assert.ok(findings(path!, [ruleId]).length > 0, `${path}: PSA denies it for ${check}, ${ruleId} stays silent`);
    checked++;
  }
  console.log(`# PSA fail fixtures checked against our rules: ${checked}`);
  assert.ok(checked >= 30);
});
