/**
 * The command line as a new user meets it: every usage mistake gets seaworthy's own
 * message (never Node's option-parser text), a "did you mean", and a hint naming
 * the subcommand's help; standard input can be told what it is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';

const bin = join(repoRoot, 'bin/seaworthy.js');

function cli(args: string[], input?: string, cwd = repoRoot) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('usage errors: own messages, did-you-mean, and the subcommand help in the hint', () => {
  const cases: [string[], RegExp][] = [
    [['scna', '.'], /^seaworthy: unknown command "scna" \(did you mean 'scan'\?\)\nRun 'seaworthy --help' for usage\.\n$/],
    [['scan', '--formt', 'json'], /^seaworthy: unknown option --formt \(did you mean '--format'\?\)\nRun 'seaworthy scan --help' for usage\.\n$/],
    [['scan', '--format'], /^seaworthy: option --format needs a value\nRun 'seaworthy scan --help' for usage\.\n$/],
    [['scan', '--no-color=yes'], /^seaworthy: option --no-color takes no value\nRun 'seaworthy scan --help'/],
    [['image', '--paltform', 'linux/amd64', 'oci:x'], /^seaworthy: unknown option --paltform \(did you mean '--platform'\?\)\nRun 'seaworthy image --help'/],
    [['netpol', '--sugest'], /^seaworthy: unknown option --sugest \(did you mean '--suggest'\?\)\nRun 'seaworthy netpol --help'/],
    [['rules', 'privileged-containr'], /^seaworthy: unknown rule "privileged-containr" \(did you mean 'privileged-container'\?\)/],
    [['scan', '.', '--rule', 'host-netwrok'], /^seaworthy: unknown rule "host-netwrok" in --rule \(did you mean 'host-network'\?\)/],
    [['scan', '--fail-on', 'hihg'], /^seaworthy: unknown --fail-on "hihg"[^\n]*\nRun 'seaworthy scan --help'/],
    // A command that calls Node's parser itself still gets the same wording through the router.
    [['fix', '--bogus'], /^seaworthy: unknown option --bogus\nRun 'seaworthy fix --help' for usage\.\n$/],
  ];
  for (const [args, expected] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, expected, args.join(' '));
    assert.doesNotMatch(r.stderr, /ERR_PARSE_ARGS|To specify a positional argument|Option '/, 'no raw parser text');
  }
});

test('--stdin-filename tells what standard input is', () => {
  const containerfile = 'FROM docker.io/library/node:22\nUSER root\nCMD ["node", "server.js"]\n';
  const r = cli(['scan', '-', '--stdin-filename', 'Containerfile', '-f', 'json', '--rule', 'run-as-root'], containerfile);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string; startLine: number } }[]; summary: { filesScanned: number } };
  assert.equal(report.summary.filesScanned, 1);
  assert.deepEqual(report.findings.map((f) => [f.ruleId, f.location.file, f.location.startLine]), [['run-as-root', 'Containerfile', 2]]);
  // Without the name, the same text is of no known kind.
  assert.equal(cli(['scan', '-', '-f', 'json'], containerfile).code, 2);
  // The name alone implies standard input.
  assert.equal(cli(['scan', '--stdin-filename', 'Containerfile', '--rule', 'run-as-root'], containerfile).code, 1);
});

test('a scan that reads no file says why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-empty-'));
  try {
    writeFileSync(join(dir, 'values.yaml'), 'replicaCount: 2\nimage:\n  repository: nginx\n');
    writeFileSync(join(dir, 'notes.txt'), 'nothing here\n');
    const r = cli(['scan', '.'], undefined, dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /nothing-scanned {2}nothing was checked: 1 file looked like inputs/);
    assert.match(r.stdout, /no findings in 0 files scanned, 1 warning\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
