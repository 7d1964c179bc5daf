/**
 * Quadlet units that other units name (podman-systemd.unit(5)): `.volume` units
 * that bind a host directory, a `.pod`'s `UserNS=`, a `.kube`'s `Network=` and
 * `UserNS=`. Units modelled on podman's test/e2e/quadlet cases (device-copy.volume,
 * basic.volume, network.kube, userns keep-id).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Location } from '../../../src/model/location.js';
import { kubernetesSource } from '../../../src/sources/kubernetes/kubernetes-source.js';
import { quadletSource } from '../../../src/sources/quadlet/quadlet-source.js';
import { setSourceRegistry } from '../../../src/sources/source-lookup.js';
import { at, scanText } from '../../support/scan-source.js';

function where(loc: Location | undefined): string {
  return loc ? `${basename(loc.file)}@${at(loc)}` : 'none';
}

function scanUnits(files: Record<string, string>, main: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-quadlet-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return scanText(quadletSource, join(dir, main), readFileSync(join(dir, main), 'utf8'));
}

test('a .volume unit that binds a host directory is that host path, located at Device=; ro in Options= makes it read-only', () => {
  const { containers, errors } = scanUnits(
    {
      'nextcloud.container': '[Container]\nImage=docker.io/library/nextcloud:29\nVolume=data.volume:/var/www/html\nMount=type=volume,source=config.volume,destination=/config\nVolume=cache.volume:/cache\nVolume=seed.volume:/seed:ro\n',
      'data.volume': '[Volume]\nDevice=/srv/nextcloud\nOptions=bind\n',
      'config.volume': '[Volume]\nType=none\nDevice=%h/nextcloud-config\nOptions=bind,ro\n',
      'cache.volume': '[Volume]\nDevice=tmpfs\nType=tmpfs\nOptions=size=64m\n',
      'seed.volume': '[Volume]\nDriver=image\nImage=quay.io/example/seed:1.0\n',
    },
    'nextcloud.container',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(
    containers[0]!.mounts.map((m) => [m.kind, m.source?.value, m.target?.value, m.readOnly?.value, where(m.declaredAt ?? m.loc)]),
    [
      ['host', '/srv/nextcloud', '/var/www/html', undefined, 'data.volume@2:1-2:22'],
      // %h of a system unit is root's home.
      ['host', '/root/nextcloud-config', '/config', true, 'config.volume@3:1-3:27'],
      ['volume', 'cache.volume', '/cache', undefined, 'nextcloud.container@5:1-5:27'],
      ['volume', 'seed.volume', '/seed', true, 'nextcloud.container@6:1-6:28'],
    ],
  );
});

test('[Pod] UserNS= is the user namespace of every container that joins; a container\'s own User= wins', () => {
  const { containers } = scanUnits(
    {
      'app.container': '[Container]\nImage=ghcr.io/example/app:2.0\nPod=web.pod\n',
      'admin.container': '[Container]\nImage=ghcr.io/example/admin:2.0\nPod=web.pod\nUser=2000\n',
      'web.pod': '[Pod]\nUserNS=keep-id:uid=1000,gid=1000\nVolume=data.volume:/data\n',
      'data.volume': '[Volume]\nDevice=/srv/web\nOptions=rbind\n',
    },
    'app.container',
  );
  const c = containers[0]!;
  assert.deepEqual([c.user?.value, where(c.user?.loc)], ['1000', 'web.pod@2:1-2:33']);
  assert.deepEqual(c.mounts.map((m) => [m.kind, m.source?.value, where(m.declaredAt)]), [['host', '/srv/web', 'data.volume@2:1-2:16']]);
  const admin = scanUnits({ 'admin.container': '[Container]\nImage=ghcr.io/example/admin:2.0\nPod=web.pod\nUser=2000\n', 'web.pod': '[Pod]\nUserNS=keep-id\n' }, 'admin.container').containers[0]!;
  assert.equal(admin.user?.value, '2000');
});

test('[Kube] Network=host and UserNS=keep-id:uid=N apply to every pod it plays, located in the unit; a YAML runAsUser wins', () => {
  setSourceRegistry([quadletSource, kubernetesSource]);
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: dns}\nspec:\n  containers:\n    - name: coredns\n      image: docker.io/coredns/coredns:1.11.3\n    - name: exporter\n      image: quay.io/prometheus/node-exporter:v1.8.2\n      securityContext: {runAsUser: 65534}\n';
  const { model } = scanUnits({ 'dns.kube': '[Kube]\nYaml=dns.yaml\nNetwork=host\nUserNS=keep-id:uid=953\n', 'dns.yaml': yaml }, 'dns.kube');
  const pod = model.workloads.find((w) => w.kind === 'Pod')!;
  assert.deepEqual([pod.hostNetwork?.value, where(pod.hostNetwork?.loc)], [true, 'dns.kube@3:1-3:13']);
  assert.deepEqual(pod.containers.map((c) => [c.name?.value, c.user?.value, basename(c.user!.loc.file)]), [
    ['coredns', '953', 'dns.kube'],
    ['exporter', '65534', 'dns.yaml'],
  ]);
  const plain = scanUnits({ 'dns.kube': '[Kube]\nYaml=dns.yaml\nNetwork=dns.network\n', 'dns.yaml': yaml }, 'dns.kube').model.workloads.find((w) => w.kind === 'Pod')!;
  assert.equal(plain.hostNetwork, undefined);
});

test('a .build unit\'s Environment= is in the image the container runs; a .volume with Driver=image pulls its Image=, named once', () => {
  const { containers, model } = scanUnits(
    {
      'api.container': '[Container]\nImage=api.build\nVolume=assets.volume:/assets\n',
      'worker.container': '[Container]\nImage=api.build\nVolume=assets.volume:/assets\n',
      'api.build': '[Build]\nImageTag=localhost/api:1.0\nFile=Containerfile\nEnvironment=APP_ENV=production "GREETING=hello world"\n',
      'assets.volume': '[Volume]\nDriver=image\nImage=quay.io/example/assets:latest\n',
      Containerfile: 'FROM docker.io/library/python:3.12-slim\nUSER 10001\n',
    },
    'api.container',
  );
  const c = containers[0]!;
  assert.deepEqual(c.env.map((e) => [e.name.value, e.value?.value, where(e.value?.loc)]), [
    ['APP_ENV', 'production', 'api.build@4:21-4:31'],
    ['GREETING', 'hello world', 'api.build@4:42-4:53'],
  ]);
  assert.deepEqual(model.imageRefs.map((r) => [r.ref.value, where(r.ref.loc)]), [['quay.io/example/assets:latest', 'assets.volume@3:1-3:36']]);
});

test('units a container names are read with their drop-ins: a volume.d drop-in that binds the volume, a .pod.d drop-in that publishes a port', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-quadlet-'));
  const files: Record<string, string> = {
    'app.container': '[Container]\nImage=ghcr.io/example/app:2.0\nVolume=data.volume:/data\nPod=web.pod\n',
    'data.volume': '[Volume]\nVolumeName=app-data\n',
    'volume.d/10-bind.conf': '[Volume]\nDevice=/srv/app\nOptions=bind\n',
    'web.pod': '[Pod]\nPodName=web\n',
    'web.pod.d/20-publish.conf': '[Pod]\nPublishPort=8080:80\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const c = scanText(quadletSource, join(dir, 'app.container'), files['app.container']!).containers[0]!;
  assert.deepEqual(c.mounts.map((m) => [m.kind, m.source?.value, where(m.declaredAt)]), [['host', '/srv/app', '10-bind.conf@2:1-2:16']]);
  assert.deepEqual(c.ports.map((p) => [p.hostPort?.value, where(p.loc)]), [[8080, '20-publish.conf@2:1-2:20']]);
});
