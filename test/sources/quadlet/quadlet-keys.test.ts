/**
 * Quadlet read as podman-systemd.unit(5) says: drop-ins and templates merged as
 * systemd merges them, specifiers expanded, Quadlet's word splitting and quoting,
 * units naming other units (.build, .image, .pod), and the keys whose meaning
 * depends on others (UserNS=, RemapUsers=, VolatileTmp=). Fixtures modelled on
 * podman's test/e2e/quadlet cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { quadletSource } from '../../../src/sources/quadlet/quadlet-source.js';
import { kubernetesSource } from '../../../src/sources/kubernetes/kubernetes-source.js';
import { setSourceRegistry } from '../../../src/sources/source-lookup.js';
import { dropInDirectories } from '../../../src/sources/quadlet/drop-ins.js';
import { expandSpecifiers, unitIdentity } from '../../../src/sources/quadlet/unit-specifiers.js';
import { looseSpan } from '../../../src/sources/container-values/text-span.js';
import type { Location } from '../../../src/model/location.js';
import { repoRoot } from '../../support/prerequisites.js';
import { at, scanText } from '../../support/scan-source.js';

const dir = resolve(repoRoot, 'test/sources/quadlet/fixtures/units');

function where(loc: Location | undefined): string {
  return loc ? `${basename(loc.file)}@${at(loc)}` : 'none';
}

function scanUnit(name: string) {
  const path = resolve(dir, name);
  return scanText(quadletSource, path, readFileSync(path, 'utf8'));
}

const nowhere = { file: 'x', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

test('drop-in directories in the order systemd applies them', () => {
  assert.deepEqual(dropInDirectories(unitIdentity('u/foo-bar-baz.container')), ['container.d', 'foo-.container.d', 'foo-bar-.container.d', 'foo-bar-baz.container.d']);
  assert.deepEqual(dropInDirectories(unitIdentity('u/sleep@10.container')), ['container.d', 'sleep@.container.d', 'sleep@10.container.d']);
  assert.deepEqual(dropInDirectories(unitIdentity('u/sleep@.container')), ['container.d', 'sleep@.container.d']);
  assert.deepEqual(dropInDirectories(unitIdentity('u/web.pod')), ['pod.d', 'web.pod.d']);
});

test('specifiers expand per system or user unit; unknown ones make the value dynamic', () => {
  const expand = (text: string, path: string) => {
    const r = expandSpecifiers(looseSpan(text, nowhere), unitIdentity(path));
    return [r.span.value, r.span.dynamic];
  };
  assert.deepEqual(expand('%h/.ssh', '/etc/containers/systemd/a.container'), ['/root/.ssh', false]);
  assert.deepEqual(expand('%h/.ssh', '/home/u/.config/containers/systemd/a.container'), ['/home/*/.ssh', false]);
  assert.deepEqual(expand('%t/podman/podman.sock', '/etc/containers/systemd/users/a.container'), ['/run/user/*/podman/podman.sock', false]);
  assert.deepEqual(expand('%t/podman/podman.sock', 'deploy/a.container'), ['/run/podman/podman.sock', false]);
  assert.deepEqual(expand('/srv/%p-%i/%N/%n 100%%', 'deploy/sleep@10.container'), ['/srv/sleep-10/sleep@10/sleep@10.service 100%', false]);
  assert.deepEqual(expand('/srv/%i', 'deploy/sleep@.container'), ['/srv/%i', true]);
  assert.deepEqual(expand('%H', 'deploy/a.container'), ['%H', true]);
});

test('drop-ins merge in systemd order, located in the drop-in; an empty assignment clears the key', () => {
  const { containers, errors } = scanUnit('web-api.container');
  assert.deepEqual(errors, []);
  const c = containers[0]!;
  // container.d/10-defaults.conf is replaced by web-.container.d/10-defaults.conf (same name, lower).
  assert.equal(c.noNewPrivileges, undefined);
  assert.deepEqual(c.capDrop.map((x) => [x.value, where(x.loc)]), [['ALL', '10-defaults.conf@3:16-3:19']]);
  assert.deepEqual([c.user?.value, where(c.user?.loc)], ['300', '20-user.conf@2:1-2:9']);
  assert.deepEqual([c.readOnlyRootFilesystem?.value, where(c.readOnlyRootFilesystem?.loc)], [true, '20-user.conf@3:1-3:14']);
  assert.deepEqual([c.memoryLimit?.value, where(c.memoryLimit?.loc)], ['256M', '20-user.conf@6:1-6:15']);
  // `Environment=` (empty) cleared nothing before it; LEVEL stays.
  assert.deepEqual(c.env.map((e) => e.name.value), ['LEVEL']);
});

test('Mount= is split into words with systemd quoting; specifiers in Volume= are host paths', () => {
  const c = scanUnit('web-api.container').containers[0]!;
  assert.deepEqual(
    c.mounts.map((m) => [m.kind, m.source?.value, m.target?.value, where(m.loc)]),
    [
      ['host', '/srv/with spaces', '/data', 'web-api.container@7:1-7:71'],
      ['tmpfs', undefined, '/cache', 'web-api.container@7:1-7:71'],
      ['host', '/root/.ssh', '/keys', 'web-api.container@8:1-8:24'],
      ['host', '/run/podman/podman.sock', '/run/podman.sock', 'web-api.container@9:1-9:46'],
      // VolatileTmp= is ignored: the container is read-only (ReadOnly= in a drop-in).
    ],
  );
});

test('Secret= names the secret; ${VAR} ports are unknown; Unmask= paths are kept', () => {
  const c = scanUnit('web-api.container').containers[0]!;
  assert.deepEqual(c.envFromSecrets.map((s) => [s.value, where(s.loc)]), [['db', 'web-api.container@10:8-10:10']]);
  assert.equal(c.ports.length, 1);
  assert.equal(c.ports[0]!.hostPort?.dynamic, true);
  assert.equal(c.ports[0]!.containerPort?.dynamic, true);
  assert.deepEqual(c.unmasked?.map((u) => [u.value, where(u.loc)]), [
    ['/proc/kcore', 'web-api.container@13:8-13:19'],
    ['/proc/keys', 'web-api.container@13:20-13:30'],
  ]);
});

test('Image=app.build: built here, no registry reference; its Containerfile USER is the default user', () => {
  const { model, containers } = scanUnit('web-api.container');
  assert.equal(containers[0]!.image?.value, 'localhost/app:1.0');
  assert.deepEqual(model.imageRefs, []);
  // User=300 from the drop-in wins over the build's USER and over UserNS=keep-id:uid=200.
  assert.equal(containers[0]!.user?.value, '300');
});

test('Image=proxy.image pulls what the .image unit names, located there; Pod= brings ports, volumes, network', () => {
  const { model, containers, errors } = scanUnit('proxy.container');
  assert.deepEqual(errors, []);
  const c = containers[0]!;
  assert.deepEqual([c.image?.value, where(c.image?.loc)], ['quay.io/example/proxy:latest', 'proxy.image@2:1-2:35']);
  assert.deepEqual(model.imageRefs.map((r) => r.ref.value), ['quay.io/example/proxy:latest']);
  assert.deepEqual(c.ports.map((p) => [p.hostPort?.value, p.containerPort?.value, where(p.loc)]), [[8443, 443, 'edge.pod@2:1-2:21']]);
  assert.deepEqual(c.mounts.map((m) => [m.kind, m.source?.value, m.readOnly?.value, where(m.loc)]), [['host', '/etc', true, 'edge.pod@3:1-3:25']]);
  assert.deepEqual([c.workload.hostNetwork?.value, where(c.workload.hostNetwork?.loc)], [true, 'edge.pod@4:1-4:13']);
  // RemapUsers=keep-id with RemapUid=500 runs as 500.
  assert.deepEqual([c.user?.value, where(c.user?.loc)], ['500', 'proxy.container@5:1-5:13']);
});

test('UserNS=keep-id:uid=N runs as N; plain keep-id is an unknown (non-root) user', () => {
  const text = (userns: string) => `[Container]\nImage=docker.io/library/alpine:3.20\nUserNS=${userns}\n`;
  const user = (userns: string) => scanText(quadletSource, 'deploy/u.container', text(userns)).containers[0]!.user;
  assert.deepEqual([user('keep-id:uid=200,gid=210')?.value, user('keep-id:uid=200,gid=210')?.dynamic], ['200', undefined]);
  assert.equal(user('keep-id')?.dynamic, true);
  assert.equal(user('auto'), undefined);
  assert.equal(user('host'), undefined);
});

test('VolatileTmp=true mounts /tmp as Quadlet does (size=512M, no noexec) unless the container is read-only', () => {
  const volatile = (extra: string) => scanText(quadletSource, 'deploy/t.container', `[Container]\nImage=docker.io/library/alpine:3.20\nVolatileTmp=true\n${extra}`).containers[0]!.mounts;
  const m = volatile('');
  assert.deepEqual(m.map((x) => [x.kind, x.target?.value, x.sizeLimit?.value, x.options?.map((o) => o.value), at(x.loc)]), [['tmpfs', '/tmp', '512M', ['rw', 'size=512M', 'mode=1777'], '3:1-3:17']]);
  assert.deepEqual(volatile('ReadOnly=true\n'), []);
});

test('a template instance reads the template and both drop-in directories; the instance fills %i', () => {
  const { containers } = scanUnit('sleep@10.container');
  const c = containers[0]!;
  // sleep@.container.d sets User=1000, sleep@10.container.d clears it.
  assert.equal(c.user, undefined);
  assert.deepEqual(c.mounts.map((m) => [m.source?.value, m.source?.dynamic, where(m.loc)]), [
    ['/srv/10', undefined, 'sleep@10.container@4:1-4:21'],
    ['/var/lib/sleep-10', undefined, '20-image.conf@3:1-3:29'],
  ]);
  assert.equal(c.resource.container, 'systemd-sleep_10');
  // The template itself: %i is only known per instance.
  const t = scanUnit('sleep@.container').containers[0]!;
  assert.equal(t.user?.value, '1000');
  assert.equal(t.mounts[0]!.source?.dynamic, true);
});

test('[Kube] PublishPort= publishes on the pods of the Yaml file, located in the unit', () => {
  setSourceRegistry([quadletSource, kubernetesSource]);
  const { containers } = scanUnit('play.kube');
  const web = containers.find((c) => c.name?.value === 'web')!;
  assert.deepEqual(web.ports.map((p) => [p.hostIP?.value, p.hostPort?.value, p.containerPort?.value, p.published, where(p.loc)]), [
    ['127.0.0.1', 8080, 80, true, 'play.kube@3:1-3:30'],
    [undefined, 9090, 90, true, 'play.kube@4:1-4:20'],
  ]);
});
