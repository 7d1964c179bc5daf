/**
 * The guides' own podman/docker examples (shared/seeds), as a README would carry
 * them: each is read into the model with the facts a reader of the guide expects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { commandLineSource } from '../../../src/sources/command-line/command-line-source.js';
import { repoRoot } from '../../support/prerequisites.js';
import { at, scanText } from '../../support/scan-source.js';

const path = resolve(repoRoot, 'test/sources/command-line/fixtures/guides.md');
const text = readFileSync(path, 'utf8');

test('every run line of the guides is found, at its line, and nothing else', () => {
  const { model, errors } = scanText(commandLineSource, path, text);
  assert.deepEqual(errors, []);
  assert.deepEqual(model.workloads.map((w) => [w.loc.startLine, w.loc.startColumn, w.name]), [
    [6, 3, 'registry.fedoraproject.org/fedora-minimal'],
    [14, 1, 'registry.fedoraproject.org/fedora-minimal'],
    [15, 1, 'registry.fedoraproject.org/fedora-minimal'],
    [19, 3, 'registry.fedoraproject.org/fedora-minimal'],
    [26, 1, 'fedora-minimal'],
    [28, 1, 'fedora-minimal'],
    [29, 1, 'nginx'],
    [30, 1, 'nginx'],
    [31, 1, 'nginx'],
  ]);
});

test('--user 1:bin is a non-root user with a group', () => {
  const { containers } = scanText(commandLineSource, path, text);
  const c = containers[0]!;
  assert.equal(c.user?.value, '1:bin');
  assert.equal(at(c.user?.loc), '6:23-6:35');
  assert.equal(c.group?.value, 'bin');
});

test('--read-only and --tmpfs with and without hardening options', () => {
  const { containers } = scanText(commandLineSource, path, text);
  assert.equal(containers[1]!.readOnlyRootFilesystem?.value, true);
  assert.equal(containers[1]!.mounts.length, 0);
  const sized = containers[2]!.mounts[0]!;
  assert.deepEqual([sized.kind, sized.target?.value, sized.sizeLimit?.value, sized.options?.map((o) => o.value)], ['tmpfs', '/tmp', '64m', ['rw', 'size=64m']]);
  assert.equal(at(sized.loc), '15:33-15:57');
  // A console block: the prompt line and its continuation, not the output
  const hardened = containers[3]!;
  assert.deepEqual(hardened.mounts[0]!.options?.map((o) => o.value), ['nodev', 'nosuid', 'noexec']);
  assert.equal(hardened.mounts[0]!.sizeLimit, undefined);
  assert.equal(hardened.image?.value, 'registry.fedoraproject.org/fedora-minimal');
  assert.equal(at(hardened.image?.loc), '20:5-20:46');
});

test('limits, a loopback-only port, no-new-privileges and read-only mounts', () => {
  const { containers } = scanText(commandLineSource, path, text);
  const c = containers[4]!;
  assert.equal(c.cpuLimit?.value, '2');
  assert.equal(c.memoryLimit?.value, '512MiB');
  assert.equal(c.pidsLimit, undefined);
  assert.deepEqual([c.ports[0]!.hostIP?.value, c.ports[0]!.hostPort?.value, c.ports[0]!.containerPort?.value], ['127.0.0.1', 8080, 8080]);
  assert.equal(c.noNewPrivileges?.value, true);
  assert.equal(at(c.noNewPrivileges?.loc), '26:60-26:92');
  const [bind, tmpfs] = c.mounts;
  assert.deepEqual([bind!.kind, bind!.source?.value, bind!.readOnly?.value], ['host', '/host/path', true]);
  assert.deepEqual([tmpfs!.kind, tmpfs!.readOnly?.value], ['tmpfs', true]);
  assert.equal(at(bind!.loc), '27:3-27:35');
});

test('the command after the image is not read as flags; runtimes are kept', () => {
  const { model, containers } = scanText(commandLineSource, path, text);
  assert.equal(containers[5]!.image?.value, 'fedora-minimal');
  assert.equal(containers[5]!.noNewPrivileges, undefined);
  assert.equal(model.workloads[6]!.runtime, undefined);
  assert.equal(model.workloads[7]!.runtime?.value, 'kata');
  assert.equal(model.workloads[8]!.runtime?.value, 'runsc');
  assert.equal(at(model.workloads[8]!.runtime?.loc), '31:12-31:27');
});
