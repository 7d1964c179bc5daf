/**
 * Agreement with Kubernetes' own Pod Security Admission fixtures: every row of
 * `pod-security-admission/expectations.tsv` names a pod, a level, a version and
 * the verdict PSA gives. A `fail` row must be denied by the check its file is
 * named after — or, at the restricted level, by the restricted check that
 * supersedes it there (PSA reports only the stricter one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conformanceDir, needConformance } from '../support/prerequisites.js';
import { parseYaml } from '../../src/sources/yaml/parse-yaml.js';
import { sourceFile } from '../../src/sources/source-file.js';
import {
  activePodSecurityChecks,
  allPodSecurityChecks,
  evaluatePodSecurity,
  parsePodSecurityVersion,
  type PodSecurityLevel,
} from '../../src/pod-security/index.js';

interface Row {
  level: PodSecurityLevel;
  version: string;
  verdict: 'pass' | 'fail';
  prefix: string;
  path: string;
}

const skip = needConformance('pod-security-admission');
const dataDir = resolve(conformanceDir, 'pod-security-admission');

/** Fixture prefixes are check ids in lower case; `base*` are minimal valid pods. */
const idByPrefix = new Map(allPodSecurityChecks.map((c) => [c.id.toLowerCase(), c.id]));

function readRows(): Row[] {
  const lines = readFileSync(resolve(dataDir, 'expectations.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const [level, version, verdict, prefix, path] = line.split('\t');
    assert.ok(level === 'baseline' || level === 'restricted', `bad level in ${line}`);
    assert.ok(verdict === 'pass' || verdict === 'fail', `bad verdict in ${line}`);
    return { level, version: version!, verdict, prefix: prefix!, path: path! };
  });
}

/** Why the evaluator disagrees with the row, or undefined when it agrees. */
function disagreement(row: Row): string | undefined {
  const version = parsePodSecurityVersion(row.version);
  if (!version) return `unparsable version ${row.version}`;
  const docs = parseYaml(sourceFile(row.path, readFileSync(resolve(dataDir, row.path), 'utf8')));
  const pod = docs[0]?.value as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  const violations = evaluatePodSecurity(row.level, version, pod.metadata ?? {}, pod.spec ?? {});
  if (row.verdict === 'pass') {
    return violations.length === 0 ? undefined : `denied: ${violations.map((v) => `${v.checkId} (${v.detail})`).join('; ')}`;
  }
  if (violations.length === 0) return 'allowed';
  const id = idByPrefix.get(row.prefix);
  if (!id) return `no check for prefix ${row.prefix}`;
  const accepted = new Set([id]);
  for (const active of activePodSecurityChecks(row.level, version)) {
    if (active.implementation.supersedes?.includes(id)) accepted.add(active.id);
  }
  if (violations.some((v) => accepted.has(v.checkId))) return undefined;
  return `denied, but not by ${[...accepted].join('/')}: ${violations.map((v) => v.checkId).join(', ')}`;
}

/** A row's disagreement, with an exception reported against its row rather than the whole file. */
function settle(row: Row): string | undefined {
  try {
    return disagreement(row);
  } catch (error) {
    return `threw ${String(error)}`;
  }
}

const rows = skip ? [] : readRows();
const groups = new Map<string, Row[]>();
for (const row of rows) {
  const key = `${row.level} ${row.prefix.startsWith('base') ? 'base' : row.prefix}`;
  groups.set(key, [...(groups.get(key) ?? []), row]);
}

const started = performance.now();
const outcomes = new Map(rows.map((row) => [row, settle(row)]));
const elapsed = performance.now() - started;
const agreeing = [...outcomes.values()].filter((o) => o === undefined).length;
if (!skip) console.log(`# pod-security conformance: ${agreeing}/${rows.length} agree (${Math.round(elapsed)} ms)`);

test('the fixtures are all there', { skip }, () => {
  assert.equal(rows.length, 4537);
});

for (const [key, groupRows] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
  test(`PSA fixtures: ${key} (${groupRows.length} rows)`, { skip }, () => {
    const failures = groupRows.flatMap((row) => {
      const why = outcomes.get(row);
      return why === undefined ? [] : [`${row.path} [${row.verdict}]: ${why}`];
    });
    assert.deepEqual(failures, []);
  });
}
