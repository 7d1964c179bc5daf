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
  const { model, errors, warnings } = scanText(commandLineSource, 'x.md', text);
  // A Markdown example is not a script: the broken line is a warning, not an error.
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((e) => [e.code, e.line, e.column]), [['example-syntax', 2, 12]]);
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

// Inputs in the manner of real READMEs and Makefiles (podman's own docs, awesome-compose,
// kubernetes/examples): command output, placeholders and prose around the run lines.
test('Markdown examples: output, placeholders and prose cost nothing; only run lines are read', () => {
  const text = [
    '## Try it',
    '```console',
    'podman run -d --name web -p 8080:80 docker.io/library/nginx:1.27',
    'a1b2c3d4e5f6',
    'podman ps',
    'CONTAINER ID  IMAGE                           COMMAND               CREATED  STATUS  PORTS                 NAMES',
    'a1b2c3d4e5f6  docker.io/library/nginx:1.27    nginx -g daemon o...  1s ago   Up      0.0.0.0:8080->80/tcp  web',
    '```',
    '```bash',
    'export TOKEN=<your-token>',
    'docker run -e API_TOKEN=<your-token> --read-only ghcr.io/acme/agent:2 --url <server-url>',
    '```',
    '```sh',
    'Then open http://localhost:8080 (it\'s served by nginx).',
    'docker compose up -d',
    '```',
    '```shell',
    'podman run --rm -it quay.io/podman/hello',
    '',
  ].join('\n');
  const { model, errors, warnings, containers } = scanText(commandLineSource, 'README.md', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.deepEqual(model.workloads.map((w) => [w.name, at(w.loc)]), [
    ['web', '3:1-3:11'],
    ['ghcr.io/acme/agent:2', '11:1-11:11'],
    ['quay.io/podman/hello', '18:1-18:11'],
  ]);
  const env = containers[1]!.env[0]!;
  assert.equal(env.value?.dynamic, true, 'a placeholder is an unknown value, never a literal');
  assert.equal(containers[1]!.readOnlyRootFilesystem?.value, true);
  assert.equal(at(containers[1]!.image?.loc), '11:50-11:70');
});

test('a Markdown run line that does not parse costs that line only, as a warning', () => {
  const text = ['```bash', 'podman run --rm alpine:3 echo ok', 'podman run -v "$(pwd):/src alpine:3 ls', 'podman run --read-only alpine:3 true', '```', ''].join('\n');
  const { errors, warnings, containers } = scanText(commandLineSource, 'docs/usage.md', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((w) => [w.code, w.line]), [['example-syntax', 3]]);
  assert.deepEqual(containers.map((c) => c.readOnlyRootFilesystem?.value ?? false), [false, true]);
});

test('Makefile: $(if …), $(shell …), $< and $@ reach the shell as unknown values', () => {
  const text = [
    'IMAGE ?= registry.example.com/app:$(shell git rev-parse --short HEAD)',
    'run: build/app',
    '	@echo "running $<"',
    '	-podman run --rm $(if $(PRIV),--privileged,) -v $(CURDIR):/src:Z -e TARGET=$@ -e SRC=$< $(IMAGE) make -C /src',
    '	podman run --user $(shell id -u):$(shell id -g) --read-only $(IMAGE)',
    '',
  ].join('\n');
  const { errors, warnings, containers } = scanText(commandLineSource, 'Makefile', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.equal(containers.length, 2);
  assert.equal(containers[0]!.image?.value, '$(IMAGE)');
  assert.equal(containers[0]!.image?.dynamic, true);
  assert.equal(at(containers[0]!.image?.loc), '4:90-4:98');
  assert.equal(containers[1]!.user?.dynamic, true);
  assert.equal(containers[1]!.readOnlyRootFilesystem?.value, true);
});

test('an unterminated fence runs to the end of the file', () => {
  const { containers } = scanText(commandLineSource, 'NOTES.md', '# Notes\n```sh\npodman run --privileged quay.io/x/tool:1\n');
  assert.equal(containers[0]!.privileged?.value, true);
});
