import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { defaultConfig } from '../../src/config/config.js';
import { findConfigFile } from '../../src/config/find-config-file.js';
import { configRelativePath, matchesAnyGlob } from '../../src/config/config-paths.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'seaworthy-config-'));
  mkdirSync(join(root, 'repo/deploy/dev'), { recursive: true });
  writeFileSync(join(root, 'repo/.seaworthy.yaml'), 'failOn: critical\n');
  writeFileSync(join(root, 'repo/deploy/dev/pod.yaml'), 'kind: Pod\n');
  return root;
}

test('the nearest config file above the scanned path is used', (t) => {
  const root = tree();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const cwd = join(root, 'repo');
  const loaded = loadConfig(undefined, 'deploy/dev/pod.yaml', [], cwd);
  assert.deepEqual(loaded.errors, []);
  assert.equal(loaded.file, '.seaworthy.yaml');
  assert.equal(loaded.config.failOn, 'critical');
  assert.equal(loaded.config.baseDir, cwd);
  assert.equal(findConfigFile(join(root, 'repo/deploy/dev'))!.path, join(root, 'repo/.seaworthy.yaml'));
  // Above the repository there is none: the defaults, and no file.
  assert.deepEqual(loadConfig(undefined, root, [], root), { config: defaultConfig(), errors: [] });
});

test('.yml is found too; both in one directory is an error', (t) => {
  const root = tree();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'repo/deploy/.seaworthy.yml'), 'failOn: none\n');
  assert.equal(loadConfig(undefined, join(root, 'repo/deploy/dev'), []).config.failOn, 'none');
  writeFileSync(join(root, 'repo/deploy/.seaworthy.yaml'), 'failOn: high\n');
  const both = loadConfig(undefined, join(root, 'repo/deploy'), [], root);
  assert.equal(both.config.failOn, 'high');
  assert.equal(both.errors.length, 1);
  assert.match(both.errors[0]!.message, /two configuration files/);
  assert.equal(both.errors[0]!.file, 'repo/deploy/.seaworthy.yml');
});

test('an explicit file must exist, and its errors carry its name', (t) => {
  const root = tree();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const missing = loadConfig('nope.yaml', '.', [], root);
  assert.deepEqual(missing.errors, [{ file: 'nope.yaml', message: 'cannot read configuration file: no such file', code: 'config' }]);
  writeFileSync(join(root, 'custom.yaml'), 'rules:\n  no-such-rule: off\n');
  const bad = loadConfig('custom.yaml', '.', ['run-as-root'], root);
  assert.deepEqual(bad.errors, [{ file: 'custom.yaml', line: 2, column: 3, message: "unknown rule 'no-such-rule'", code: 'config' }]);
});

test('config globs are relative to the config file and match dot files', () => {
  assert.equal(configRelativePath('deploy/web.yaml', '/repo', '/repo/sub'), 'sub/deploy/web.yaml');
  assert.equal(configRelativePath('/elsewhere/x.yaml', '/repo', '/repo'), '../elsewhere/x.yaml');
  assert.equal(configRelativePath('a\\b.yaml', undefined, '/w'), 'a/b.yaml');
  assert.ok(matchesAnyGlob('k8s/dev/pod.yaml', ['k8s/dev/**']));
  assert.ok(matchesAnyGlob('.github/workflows/ci.yaml', ['.github/**']));
  assert.ok(matchesAnyGlob('deep/down/Containerfile', ['Containerfile']));
  assert.ok(!matchesAnyGlob('k8s/prod/pod.yaml', ['k8s/dev/**']));
});

test('discovery stops at the repository root (.git) and at the home directory', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'seaworthy-config-stop-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  // A config planted in a shared parent, e.g. a CI workspace holding checkouts.
  writeFileSync(join(root, '.seaworthy.yaml'), 'rules: {privileged-container: off}\n');
  mkdirSync(join(root, 'checkout/.git'), { recursive: true });
  mkdirSync(join(root, 'checkout/deploy'), { recursive: true });
  assert.equal(findConfigFile(join(root, 'checkout/deploy')), undefined);
  // Without a repository the walk goes on, but not past home.
  mkdirSync(join(root, 'home/user/project'), { recursive: true });
  assert.equal(findConfigFile(join(root, 'home/user/project'), join(root, 'home/user')), undefined);
  assert.equal(findConfigFile(join(root, 'home/user/project'), '/nonexistent-home')!.path, join(root, '.seaworthy.yaml'));
  // A config at the repository root itself is found.
  writeFileSync(join(root, 'checkout/.seaworthy.yml'), 'failOn: high\n');
  assert.equal(findConfigFile(join(root, 'checkout/deploy'))!.path, join(root, 'checkout/.seaworthy.yml'));
});
