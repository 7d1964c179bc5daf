import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { quadletSource } from '../../../src/sources/quadlet/quadlet-source.js';
import { setSourceRegistry } from '../../../src/sources/source-lookup.js';
import type { SourceDefinition } from '../../../src/sources/source.js';
import type { Location } from '../../../src/model/location.js';
import { repoRoot } from '../../support/prerequisites.js';
import { at, scanText } from '../../support/scan-source.js';

const dir = resolve(repoRoot, 'test/sources/quadlet/fixtures');

function where(loc: Location | undefined): string {
  return loc ? `${basename(loc.file)}@${at(loc)}` : 'none';
}

function scanUnit(name: string) {
  const path = resolve(dir, name);
  return scanText(quadletSource, path, readFileSync(path, 'utf8'));
}

test('[Container] becomes a Quadlet workload located at the header', () => {
  const { model, containers } = scanUnit('web.container');
  const w = model.workloads[0]!;
  const c = containers[0]!;
  assert.deepEqual([w.kind, w.input, w.name, where(w.loc), where(c.loc)], ['Quadlet', 'QL', 'web', 'web.container@5:1-5:12', 'web.container@5:1-5:12']);
  assert.deepEqual(c.resource, { kind: 'Quadlet', name: 'web', container: 'web' });
  assert.deepEqual([c.image?.value, where(c.image?.loc)], ['docker.io/library/nginx:1.27', 'web.container@6:1-6:35']);
  assert.deepEqual(model.imageRefs.map((r) => [r.ref.value, r.input, r.role]), [['docker.io/library/nginx:1.27', 'QL', 'container']]);
  assert.deepEqual([c.name?.value, where(c.name?.loc)], ['web', 'web.container@7:15-7:18']);
  assert.deepEqual([c.user?.value, where(c.user?.loc)], ['1000', 'web.container@8:1-8:10']);
  assert.deepEqual([c.group?.value, where(c.group?.loc)], ['1000', 'web.container@9:1-9:11']);
  assert.deepEqual([c.readOnlyRootFilesystem?.value, where(c.readOnlyRootFilesystem?.loc)], [true, 'web.container@10:1-10:14']);
  assert.deepEqual([c.noNewPrivileges?.value, where(c.noNewPrivileges?.loc)], [true, 'web.container@19:1-19:21']);
  assert.deepEqual([c.seLinux.disabled?.value, where(c.seLinux.disabled?.loc)], [true, 'web.container@20:1-20:26']);
  // PodmanArgs comes later and sets the type again
  assert.deepEqual([c.seLinux.type?.value, where(c.seLinux.type?.loc)], ['container_t', 'web.container@30:29-30:40']);
  assert.deepEqual([c.seccompProfile?.value, where(c.seccompProfile?.loc)], ['Unconfined', 'web.container@22:1-22:26']);
});

test('capabilities, mounts, ports and network', () => {
  const { model, containers } = scanUnit('web.container');
  const c = containers[0]!;
  assert.deepEqual(c.capAdd.map((x) => [x.value, where(x.loc)]), [
    ['NET_BIND_SERVICE', 'web.container@17:15-17:31'],
    ['SYS_ADMIN', 'web.container@17:32-17:45'],
  ]);
  assert.deepEqual(c.capDrop.map((x) => [x.value, where(x.loc)]), [['ALL', 'web.container@18:16-18:19']]);
  assert.deepEqual(
    c.mounts.map((m) => [m.kind, m.source?.value, m.target?.value, m.readOnly?.value, m.sizeLimit?.value, where(m.loc)]),
    [
      ['tmpfs', undefined, '/tmp', false, '64m', 'web.container@12:1-12:43'],
      ['host', '/srv/html', '/usr/share/nginx/html', true, undefined, 'web.container@13:1-13:44'],
      ['host', '/var/run/podman/podman.sock', '/sock', undefined, undefined, 'web.container@14:1-14:64'],
      ['secret', 'tls', '/run/secrets/tls', undefined, undefined, 'web.container@24:1-24:11'],
    ],
  );
  assert.deepEqual(c.mounts[0]!.options?.map((o) => [o.value, where(o.loc)]), [
    ['rw', 'web.container@12:12-12:14'],
    ['size=64m', 'web.container@12:15-12:23'],
    ['nosuid', 'web.container@12:24-12:30'],
    ['nodev', 'web.container@12:31-12:36'],
    ['noexec', 'web.container@12:37-12:43'],
  ]);
  // PublishPort= here, and the pod's (Pod=app.pod), located in the pod file
  assert.deepEqual(c.ports.map((p) => [p.hostIP?.value, p.hostPort?.value, p.containerPort?.value, where(p.loc)]), [
    [undefined, 8080, 80, 'web.container@15:1-15:20'],
    ['127.0.0.1', 9090, 9090, 'app.pod@4:1-4:32'],
  ]);
  assert.deepEqual([model.workloads[0]!.hostNetwork?.value, where(model.workloads[0]!.hostNetwork?.loc)], [true, 'app.pod@3:1-3:13']);
});

test('Environment with quotes and a continuation line, EnvironmentFile, Secret type=env', () => {
  const { containers } = scanUnit('web.container');
  const c = containers[0]!;
  assert.deepEqual(
    c.env.map((e) => [e.name.value, e.value?.value, where(e.name.loc), where(e.value?.loc)]),
    [
      ['MODE', 'prod', 'web.container@25:13-25:17', 'web.container@25:18-25:22'],
      ['API_TOKEN', 'abc def', 'web.container@25:24-25:33', 'web.container@25:34-25:41'],
      ['DEBUG', '0', 'web.container@26:3-26:8', 'web.container@26:9-26:10'],
      ['SECRET_KEY', 's3cr3t', 'web.env@1:1-1:11', 'web.env@1:12-1:18'],
    ],
  );
  assert.deepEqual(c.envFromSecrets.map((s) => [s.value, where(s.loc)]), [['db', 'web.container@23:8-23:10']]);
});

test('limits: PidsLimit, PodmanArgs over [Service] MemoryMax, [Service] limits otherwise', () => {
  const { containers } = scanUnit('web.container');
  const c = containers[0]!;
  assert.deepEqual([c.pidsLimit?.value, where(c.pidsLimit?.loc)], ['100', 'web.container@28:1-28:14']);
  assert.deepEqual([c.memoryLimit?.value, where(c.memoryLimit?.loc)], ['512m', 'web.container@29:12-29:25']);
  assert.deepEqual([c.cpuLimit?.value, where(c.cpuLimit?.loc)], ['1.5', 'web.container@29:26-29:36']);
  const only = scanText(quadletSource, 'x.container', '[Container]\nImage=a:1\n[Service]\nMemoryMax=1G\nTasksMax=64\nCPUQuota=50%\n').containers[0]!;
  assert.deepEqual([only.memoryLimit?.value, only.pidsLimit?.value, only.cpuLimit?.value], ['1G', '64', '50%']);
  assert.equal(at(only.memoryLimit?.loc), '4:1-4:13');
});

test('absent keys stay undefined; the header is the fallback location', () => {
  const { containers } = scanText(quadletSource, 'min.container', '[Unit]\nDescription=x\n\n[Container]\nImage=quay.io/x/y:1\n');
  const c = containers[0]!;
  assert.equal(at(c.loc), '4:1-4:12');
  assert.deepEqual([c.user, c.readOnlyRootFilesystem, c.noNewPrivileges, c.privileged, c.pidsLimit], [undefined, undefined, undefined, undefined, undefined]);
  assert.equal(c.name?.value, 'systemd-min');
});

test('PodmanArgs: privileged, user and unknown flags', () => {
  const { containers, errors, warnings } = scanText(quadletSource, 'p.container', '[Container]\nImage=a:1\nPodmanArgs=--privileged --user=0 --frob\n');
  const c = containers[0]!;
  assert.deepEqual([c.privileged?.value, at(c.privileged?.loc)], [true, '3:12-3:24']);
  assert.deepEqual([c.user?.value, at(c.user?.loc)], ['0', '3:25-3:33']);
  // An unknown flag is a warning: the unit is still read, the exit code unchanged.
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((e) => [e.code, e.line, e.column]), [['unknown-flag', 3, 34]]);
});

test('an unknown section is an error with its line; the rest of the unit is read', () => {
  const { errors, containers } = scanUnit('web.container');
  assert.deepEqual(errors.map((e) => [basename(e.file), e.line, e.column, e.code]), [['web.container', 37, 1, 'unknown-section']]);
  assert.equal(containers.length, 1);
});

test('lines outside a section or without = are parse errors', () => {
  const { errors, containers } = scanText(quadletSource, 'b.container', 'Image=x\n[Container]\nImage=a:1\njust words\n[Unclosed\n');
  assert.deepEqual(errors.map((e) => [e.line, e.code]), [
    [1, 'parse'],
    [4, 'parse'],
    [5, 'parse'],
  ]);
  assert.equal(containers[0]!.image?.value, 'a:1');
});

test('.pod units are workloads for their network settings, without containers', () => {
  const { model } = scanUnit('app.pod');
  assert.deepEqual(model.workloads.map((w) => [w.name, w.kind, w.containers.length, w.hostNetwork?.value]), [['app', 'Quadlet', 0, true]]);
});

test('.kube units hand their Yaml= file to the kubernetes source, looked up by id', () => {
  const seen: string[] = [];
  const fake: SourceDefinition = {
    id: 'kubernetes',
    input: 'K8S',
    matchesName: () => false,
    mayContain: () => false,
    matchesContent: () => false,
    parse: (src) => void seen.push(basename(src.path)),
  };
  setSourceRegistry([fake]);
  try {
    const { errors, model } = scanUnit('app.kube');
    assert.deepEqual(errors, []);
    assert.deepEqual(seen, ['app.yaml']);
    assert.ok([...model.files.keys()].some((f) => f.endsWith('app.yaml')));
  } finally {
    setSourceRegistry([]);
  }
  // Without a kubernetes source, nothing breaks.
  assert.deepEqual(scanUnit('app.kube').errors, []);
  const missing = scanText(quadletSource, resolve(dir, 'gone.kube'), '[Kube]\nYaml=gone.yaml\n');
  // An absent Yaml= file is a warning that says what to do; the unit itself was read.
  assert.deepEqual(missing.errors, []);
  assert.deepEqual(missing.warnings.map((e) => [e.line, e.code]), [[2, 'missing-reference']]);
  assert.match(missing.warnings[0]!.message, /Yaml=gone\.yaml .*scan that file too/);
});

test('detection: .container and .kube by name; .pod by its unit sections (Perl POD is not a unit)', () => {
  for (const name of ['a.container', 'c.kube']) assert.equal(quadletSource.matchesName(name), true);
  assert.equal(quadletSource.matchesName('d.service'), false);
  assert.equal(quadletSource.matchesName('b.pod'), false);
  assert.equal(quadletSource.mayContain('b.pod'), true);
  assert.equal(quadletSource.matchesContent('[Pod]\nPodName=web\n', 'b.pod'), true);
  assert.equal(quadletSource.matchesContent('=head1 NAME\n\nPod::Usage - print a usage message\n\n=cut\n', 'Usage.pod'), false);
});

test('unbalanced quotes in Environment= and PodmanArgs= are errors with line and column', () => {
  const { errors, containers } = scanText(quadletSource, 'q.container', '[Container]\nImage=a:1\nEnvironment=A=1 "B=2\nPodmanArgs=--user "x\nReadOnly=true\n');
  assert.deepEqual(errors.map((e) => [e.line, e.column, e.code]), [
    [3, 17, 'parse'],
    [4, 19, 'parse'],
  ]);
  assert.equal(containers[0]!.readOnlyRootFilesystem?.value, true);
  assert.equal(containers[0]!.env[0]!.name.value, 'A');
});

test('GlobalArgs= reads podman global flags (--runtime)', () => {
  const { model } = scanText(quadletSource, 'g.container', '[Container]\nImage=a:1\nGlobalArgs=--runtime runsc --log-level debug\n');
  assert.deepEqual([model.workloads[0]!.runtime?.value, at(model.workloads[0]!.runtime?.loc)], ['runsc', '3:12-3:27']);
});
