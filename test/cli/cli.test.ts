/**
 * The CLI as users run it: a real process, golden output for each format, and the
 * exit codes. Regenerate goldens with UPDATE_GOLDEN=1 after an intended change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';

const bin = join(repoRoot, 'bin/seaworthy.js');
const project = join(repoRoot, 'test/cli/fixtures/project');
const goldenDir = join(repoRoot, 'test/cli/golden');
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
// Goldens use a fixed rule set so that adding rules does not churn them.
const RULES = ['--rule', 'privileged-container', '--rule', 'pod-security-baseline'];

function cli(args: string[], input?: string, cwd = project) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function golden(name: string, actual: string): void {
  const file = join(goldenDir, name);
  const normal = actual.split(version).join('VERSION');
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, normal);
  assert.equal(normal, readFileSync(file, 'utf8'), `golden ${name} differs (UPDATE_GOLDEN=1 to accept)`);
}

for (const format of ['text', 'json', 'sarif'] as const) {
  test(`scan --format ${format} matches its golden output and exits 1 on findings`, () => {
    const r = cli(['scan', '.', '--format', format, ...RULES]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    golden(`scan.${format === 'text' ? 'txt' : format === 'json' ? 'json' : 'sarif'}`, r.stdout);
  });
}

test('JSON follows the finding contract', () => {
  const report = JSON.parse(cli(['scan', '.', '-f', 'json', ...RULES]).stdout) as { findings: Record<string, unknown>[]; errors: unknown[]; summary: Record<string, unknown> };
  assert.ok(report.findings.length >= 2);
  for (const f of report.findings) {
    for (const key of ['ruleId', 'severity', 'message', 'location']) assert.ok(key in f, key);
    const loc = f['location'] as Record<string, unknown>;
    for (const key of ['file', 'startLine', 'startColumn', 'endLine', 'endColumn']) assert.equal(typeof loc[key] === 'string' || typeof loc[key] === 'number', true, key);
    assert.ok(!('messageId' in f) && !('targetAnnotations' in f), 'internal fields stay internal');
  }
  const privileged = report.findings.find((f) => f['ruleId'] === 'privileged-container')!;
  assert.deepEqual(privileged['resource'], { kind: 'Pod', namespace: 'shop', name: 'web', container: 'app' });
  assert.equal(report.summary['suppressed'], 1, 'the ignore comment suppressed the debug pod');
});

test('exit codes: --fail-on, usage errors, unreadable inputs', () => {
  assert.equal(cli(['scan', '.', ...RULES, '--fail-on', 'none']).code, 0);
  assert.equal(cli(['scan', 'Containerfile', ...RULES, '--fail-on', 'low']).code, 0, 'no finding in the Containerfile for these rules');
  assert.equal(cli(['scan', '.', ...RULES, '--fail-on', 'critical']).code, 1);
  const usage = cli(['scan', '--format', 'yaml']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^seaworthy: unknown --format "yaml"/);
  assert.equal(cli(['scan', '--rule', 'no-such-rule']).code, 2);
  assert.equal(cli(['frobnicate']).code, 2);
  const missing = cli(['scan', 'k8s/pod.yaml', 'missing.yaml', ...RULES, '-f', 'json']);
  assert.equal(missing.code, 2, 'an unreadable input wins over findings');
  const body = JSON.parse(missing.stdout) as { findings: unknown[]; errors: { file: string }[] };
  assert.ok(body.findings.length > 0, 'the other input was still scanned');
  assert.equal(body.errors[0]!.file, 'missing.yaml');
  assert.doesNotMatch(missing.stdout + missing.stderr, /\n\s+at .*\.js:\d+/, 'no stack trace');
});

test('standard input and --output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-cli-'));
  try {
    const out = join(dir, 'report.sarif');
    const r = cli(['scan', '-', '-f', 'sarif', '-o', out, ...RULES], readFileSync(join(project, 'k8s/pod.yaml'), 'utf8'));
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '', 'with --output nothing goes to stdout');
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, '%3Cstdin%3E');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--version and rules', () => {
  assert.equal(cli(['--version']).stdout, `${version}\n`);
  const rules = cli(['rules', '--format', 'json']);
  assert.equal(rules.code, 0);
  const list = JSON.parse(rules.stdout) as { id: string }[];
  assert.ok(list.some((r) => r.id === 'privileged-container'));
  assert.match(cli(['rules', 'pod-security-restricted']).stdout, /runAsNonRoot/);
});

test('a configuration typo is an error that names it, never a silent switch-off', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-cfg-'));
  try {
    writeFileSync(join(dir, '.seaworthy.yaml'), 'rules:\n  privileged-containers: off\n');
    writeFileSync(join(dir, 'pod.yaml'), readFileSync(join(project, 'k8s/pod.yaml')));
    const r = cli(['scan', '.', '-f', 'json'], undefined, dir);
    assert.equal(r.code, 2);
    const body = JSON.parse(r.stdout) as { errors: { file: string; line: number; message: string }[] };
    assert.equal(body.errors[0]!.line, 2);
    assert.match(body.errors[0]!.message, /privileged-containers/);
    assert.match(body.errors[0]!.message, /privileged-container\b/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('netpol prints connectivity and suggestions', () => {
  const json = cli(['netpol', 'k8s', '-f', 'json']);
  assert.equal(json.code, 0);
  assert.ok(Array.isArray((JSON.parse(json.stdout) as { connections?: unknown[] }).connections ?? JSON.parse(json.stdout)));
  const suggest = cli(['netpol', 'k8s', '--suggest']);
  assert.equal(suggest.code, 0);
  assert.match(suggest.stdout, /kind: NetworkPolicy/);
  assert.match(suggest.stdout, /policyTypes:/);
  assert.equal(cli(['netpol', '-f', 'png']).code, 2);
});

test('unknown --rule ids and unwritable --output are usage errors that say so', () => {
  for (const command of [['scan', '.'], ['image', 'oci-archive:missing.tar']]) {
    const r = cli([...command, '--rule', 'privileged-containers']);
    assert.equal(r.code, 2, command.join(' '));
    assert.match(r.stderr, /unknown rule "privileged-containers" in --rule/);
  }
  const r = cli(['scan', '.', ...RULES, '-o', join(tmpdir(), 'no-such-dir-seaworthy', 'report.json')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^seaworthy: cannot write --output .*report\.json: no such file or directory/);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
});

test('with -o FILE, errors, warnings and the summary still reach stderr; a dangling link is a warning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-out-'));
  try {
    writeFileSync(join(dir, 'pod.yaml'), readFileSync(join(project, 'k8s/pod.yaml')));
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n');
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'link.yaml'));
    const out = join(dir, 'report.json');
    const r = cli(['scan', '.', '-f', 'json', '-o', 'report.json', ...RULES], undefined, dir);
    assert.equal(r.code, 2, 'broken.yaml is a real error');
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^errors\n {2}broken\.yaml:\d+:\d+ {2}parse /);
    assert.match(r.stderr, /warnings\n {2}link\.yaml {2}broken-link {2}/);
    assert.match(r.stderr, /finding.* and 1 error in 2 files scanned, 1 warning\n$/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { warnings: { file: string; code: string }[]; summary: { warnings: number } };
    assert.deepEqual(report.warnings.map((w) => [w.file, w.code]), [['link.yaml', 'broken-link']]);
    rmSync(join(dir, 'broken.yaml'));
    const clean = cli(['scan', '.', '-f', 'sarif', '-o', 'report.sarif', ...RULES, '--fail-on', 'none'], undefined, dir);
    assert.equal(clean.code, 0, 'a warning alone never changes the exit code');
    const sarif = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string }[] }[] }[] };
    assert.equal(sarif.runs[0]!.invocations[0]!.executionSuccessful, true);
    assert.deepEqual(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.level), ['warning']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader that stops early (seaworthy scan | head) gets no "internal error" on standard error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-epipe-'));
  try {
    // Enough findings that the report is still being written when head has gone.
    for (let i = 0; i < 300; i++) writeFileSync(join(dir, `p${i}.yaml`), `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`);
    const errFile = join(dir, 'stderr.txt');
    const r = spawnSync('sh', ['-c', '"$0" "$1" scan "$2" 2>"$3" | head -c 10 >/dev/null; echo "$?"', process.execPath, bin, dir, errFile], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(errFile, 'utf8'), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
