import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLineSource } from '../../../src/sources/command-line/command-line-source.js';
import { at, scanText } from '../../support/scan-source.js';

test('Makefile recipes: @/- prefixes, $$ as the shell $, continuations', () => {
  const text = [
    'IMAGE ?= app:1',
    'run:',
    '\t@podman run --rm --user 1000 $(IMAGE)',
    '\t-docker run -e HOME=$$HOME \\',
    '\t  --read-only nginx:1.27',
    'podman run not-a-recipe',
    '',
  ].join('\n');
  const { model, containers, errors } = scanText(commandLineSource, 'Makefile', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(model.workloads.map((w) => at(w.loc)), ['3:3-3:13', '4:3-4:13']);
  assert.equal(containers[0]!.user?.value, '1000');
  assert.equal(at(containers[0]!.user?.loc), '3:19-3:30');
  assert.equal(containers[0]!.image?.value, '$(IMAGE)');
  assert.equal(containers[0]!.image?.dynamic, true);
  assert.equal(containers[1]!.env[0]!.value?.value, '$HOME');
  assert.equal(containers[1]!.env[0]!.value?.dynamic, true);
  assert.equal(at(containers[1]!.readOnlyRootFilesystem?.loc), '5:4-5:15');
  assert.equal(at(containers[1]!.image?.loc), '5:16-5:26');
});

test('Markdown: sh/bash/shell blocks whole, console blocks only at prompts, other blocks never', () => {
  const text = [
    '```shell',
    '$ podman run --privileged a',
    '```',
    '```console',
    '$ docker run \\',
    '  --cap-add SYS_ADMIN b',
    'podman run output-line',
    '```',
    '```python',
    'podman run c',
    '```',
    '~~~bash',
    'sudo podman run d',
    '~~~',
  ].join('\n');
  const { model, containers } = scanText(commandLineSource, 'README.md', text);
  assert.deepEqual(model.workloads.map((w) => [w.name, at(w.loc)]), [
    ['a', '2:3-2:13'],
    ['b', '5:3-5:13'],
    ['d', '13:6-13:16'],
  ]);
  assert.equal(at(containers[0]!.privileged?.loc), '2:14-2:26');
  assert.equal(at(containers[1]!.capAdd[0]!.loc), '6:13-6:22');
});

test('systemd units: Exec*= lines with prefixes and continuations', () => {
  const text = [
    '[Service]',
    'ExecStartPre=-/usr/bin/podman rm -f web',
    'ExecStart=/usr/bin/podman run --name web \\',
    '    --read-only --pids-limit=200 nginx:1.27',
    'ExecStartPost=@/usr/bin/podman podman run --rm x',
    'ExecStop=!!/usr/bin/docker create y',
    'Environment=podman run not-exec',
  ].join('\n');
  const { model, containers } = scanText(commandLineSource, 'web.service', text);
  assert.deepEqual(model.workloads.map((w) => [w.name, at(w.loc)]), [
    ['web', '3:11-3:30'],
    ['x', '5:16-5:42'],
    ['y', '6:12-6:34'],
  ]);
  assert.equal(at(containers[0]!.pidsLimit?.loc), '4:17-4:33');
  assert.equal(containers[0]!.readOnlyRootFilesystem?.value, true);
});

test('an unbalanced quote in one Markdown block does not stop the others', () => {
  const text = '```sh\npodman run "a\n```\n\n```sh\npodman run b\n```\n';
  const { model, errors } = scanText(commandLineSource, 'x.md', text);
  assert.deepEqual(errors.map((e) => [e.code, e.line, e.column]), [['parse', 2, 12]]);
  assert.deepEqual(model.workloads.map((w) => w.name), ['b']);
});

test('Markdown fences inside list items, and fences with attributes', () => {
  const text = ['1. Start it:', '', '    ```bash', '    podman run --read-only a', '    ```', '', '```{.sh}', 'docker run b', '```', '````', '```sh', 'podman run not-shell', '```', '````'].join('\n');
  const { model } = scanText(commandLineSource, 'doc.md', text);
  assert.deepEqual(model.workloads.map((w) => [w.name, at(w.loc)]), [
    ['a', '4:5-4:15'],
    ['b', '8:1-8:11'],
  ]);
});
