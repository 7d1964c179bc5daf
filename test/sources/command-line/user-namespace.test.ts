/**
 * `--userns` (podman-run(1)) decides the user only in `keep-id` mode: with no
 * `--user`, podman runs the process as `uid=N` or as the rootless user running it.
 * `auto`, `nomap`, `host`, `container:x` change the ID mapping, not the user inside
 * the container. The same meaning for run lines, Quadlet `UserNS=`/`PodmanArgs=`
 * and Compose `userns_mode` (podman-compose passes it to `podman run --userns`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLineSource } from '../../../src/sources/command-line/command-line-source.js';
import { composeSource } from '../../../src/sources/compose/compose-source.js';
import { quadletSource } from '../../../src/sources/quadlet/quadlet-source.js';
import { keepIdUser } from '../../../src/sources/command-line/user-namespace.js';
import { looseSpan } from '../../../src/sources/container-values/text-span.js';
import runAsRoot from '../../../src/rules/run-as-root.js';
import { at, scanText } from '../../support/scan-source.js';
import { findingLines, runRule } from '../../support/run-rule.js';

const nowhere = { file: 'x', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

test('keep-id options: uid=N is the user, plain keep-id the (non-root) user running podman; other modes none', () => {
  const user = (mode: string, dynamic = false) => {
    const u = keepIdUser({ value: looseSpan(mode, nowhere, dynamic), loc: nowhere });
    return u ? [u.value, u.dynamic === true] : undefined;
  };
  assert.deepEqual(user('keep-id:uid=200,gid=200'), ['200', false]);
  assert.deepEqual(user('keep-id:gid=5,uid=0'), ['0', false]);
  assert.deepEqual(user('keep-id:size=65536'), ['(the user running podman)', true]);
  assert.deepEqual(user('keep-id'), ['(the user running podman)', true]);
  for (const mode of ['auto', 'auto:size=8192', 'nomap', 'host', '', 'container:db', 'ns:/run/userns/x', 'private', 'keep-idx']) {
    assert.equal(user(mode), undefined, mode);
  }
  assert.equal(user('${USERNS}', true), undefined);
});

test('run lines: --userns keep-id decides the user unless --user is given, wherever it is written', () => {
  const text = [
    'podman run --userns keep-id:uid=200,gid=200 nginx:1.27',
    'podman run --userns=keep-id alpine:3.20',
    'podman run --user 0 --userns=keep-id:uid=1000 alpine:3.20',
    'podman run --userns=keep-id:uid=1000 --user root alpine:3.20',
    'podman run --userns=auto alpine:3.20',
    'podman run --userns nomap alpine:3.20',
    'docker run --userns=host alpine:3.20',
    'podman run --userns=auto --userns keep-id:uid=7 alpine:3.20',
    'podman run --userns=keep-id:uid=7 --userns=host alpine:3.20',
    '',
  ].join('\n');
  const { containers, errors, warnings } = scanText(commandLineSource, 'run.sh', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    containers.map((c) => (c.user ? `${c.user.value}${c.user.dynamic ? '?' : ''} ${at(c.user.loc)}` : 'none')),
    ['200 1:12-1:44', '(the user running podman)? 2:12-2:28', '0 3:12-3:20', 'root 4:38-4:49', 'none', 'none', 'none', '7 8:26-8:48', 'none'],
  );
  // run-as-root: keep-id users are not root; auto, nomap and host leave the image's root.
  const findings = findingLines(runRule(runAsRoot, scanText(commandLineSource, 'run.sh', text).model));
  assert.deepEqual(
    findings.map((l) => l.split(' ')[0]),
    ['3:12', '4:38', '5:1', '6:1', '7:1', '9:1'],
  );
  assert.match(findings[0]!, /runs as root \(user "0"\)/);
  assert.match(findings[2]!, /does not require a non-root user/);
});

test('keep-id without uid= run by root (sudo, a system Quadlet directory) is UID 0, as podman 5 maps root\'s own ID', () => {
  const text = ['sudo podman run --userns=keep-id alpine:3.20', 'sudo -u svc podman run --userns=keep-id alpine:3.20', 'sudo env -u HOME podman run --userns=keep-id alpine:3.20', 'doas -u root podman run --userns keep-id:uid=5 alpine:3.20', ''].join('\n');
  const { containers } = scanText(commandLineSource, 'run.sh', text);
  assert.deepEqual(containers.map((c) => `${c.user?.value}${c.user?.dynamic ? '?' : ''}`), ['0', '(the user running podman)?', '0', '5']);
  const dir = mkdtempSync(join(tmpdir(), 'sw-userns-root-'));
  const unitText = '[Container]\nImage=alpine:3.20\nUserNS=keep-id\n';
  const users: string[] = [];
  for (const sub of ['etc/containers/systemd', 'etc/containers/systemd/users/1000', 'home/u/.config/containers/systemd', 'deploy']) {
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, 'a.container'), unitText);
    const c = scanText(quadletSource, join(dir, sub, 'a.container'), unitText).containers[0]!;
    users.push(`${sub} ${c.user?.value}${c.user?.dynamic ? '?' : ''}`);
  }
  assert.deepEqual(users, ['etc/containers/systemd 0', 'etc/containers/systemd/users/1000 (the user running podman)?', 'home/u/.config/containers/systemd (the user running podman)?', 'deploy (the user running podman)?']);
});

test('Compose userns_mode: keep-id:uid=N is the user unless user: is set, over the built image USER; host changes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-userns-'));
  writeFileSync(join(dir, 'Containerfile'), 'FROM alpine:3.20\nUSER 0\n');
  const compose = [
    'services:',
    '  a:',
    '    image: alpine:3.20',
    '    userns_mode: "keep-id:uid=1000,gid=1000"',
    '  b:',
    '    image: alpine:3.20',
    '    userns_mode: keep-id:uid=1000',
    '    user: root',
    '  c:',
    '    image: alpine:3.20',
    '    userns_mode: host',
    '  d:',
    '    build: .',
    '    userns_mode: keep-id',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'compose.yaml'), compose);
  const path = join(dir, 'compose.yaml');
  const { containers, errors } = scanText(composeSource, path, readFileSync(path, 'utf8'));
  assert.deepEqual(errors, []);
  assert.deepEqual(
    containers.map((c) => [c.resource.name, c.user?.value ?? 'none', c.user ? at(c.user.loc) : '']),
    [
      ['a', '1000', '4:5-4:45'],
      ['b', 'root', '8:5-8:15'],
      ['c', 'none', ''],
      ['d', '(the user running podman)', '14:5-14:25'],
    ],
  );
});

test('Quadlet: PodmanArgs= comes after every key, so its --user and --userns win; keep-id wins over a .build USER', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-userns-ql-'));
  writeFileSync(join(dir, 'Containerfile'), 'FROM alpine:3.20\nUSER root\n');
  writeFileSync(join(dir, 'app.build'), '[Build]\nImageTag=localhost/app\nSetWorkingDirectory=unit\n');
  const units: Record<string, string> = {
    // podmanargs.container: PodmanArgs= is appended after the flags of the keys.
    'args-user.container': '[Container]\nImage=alpine:3.20\nPodmanArgs=--user root\nUser=1000\n',
    'args-userns.container': '[Container]\nImage=alpine:3.20\nPodmanArgs=--userns=keep-id:uid=300\nUserNS=auto\n',
    'args-readonly.container': '[Container]\nImage=alpine:3.20\nPodmanArgs=--read-only=false\nReadOnly=true\n',
    // build.*: the built image's USER is only the default.
    'built.container': '[Container]\nImage=app.build\nUserNS=keep-id:uid=1000\n',
    'built-root.container': '[Container]\nImage=app.build\n',
    // remap-keep-id2.container: RemapUsers=keep-id with RemapUid= becomes --userns keep-id:uid=N.
    'remap.container': '[Container]\nImage=alpine:3.20\nRemapUsers=keep-id\nRemapUid=42\n',
  };
  const result: Record<string, string> = {};
  for (const [name, text] of Object.entries(units)) {
    writeFileSync(join(dir, name), text);
    const { containers, errors } = scanText(quadletSource, join(dir, name), text);
    assert.deepEqual(errors, [], name);
    const c = containers[0]!;
    result[name] = `${c.user?.value ?? 'none'} ${c.user ? at(c.user.loc) : ''} ro=${c.readOnlyRootFilesystem?.value}`;
  }
  assert.deepEqual(result, {
    'args-user.container': 'root 3:12-3:23 ro=undefined',
    'args-userns.container': '300 3:12-3:36 ro=undefined',
    'args-readonly.container': 'none  ro=false',
    'built.container': '1000 3:1-3:24 ro=undefined',
    'built-root.container': 'root 2:6-2:10 ro=undefined',
    'remap.container': '42 4:1-4:12 ro=undefined',
  });
});
