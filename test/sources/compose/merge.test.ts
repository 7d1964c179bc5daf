import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { composeSource } from '../../../src/sources/compose/compose-source.js';
import { at, scanText } from '../../support/scan-source.js';

/** Writes a project and scans its base file. */
function project(files: Record<string, string>, base = 'compose.yaml') {
  const dir = mkdtempSync(join(tmpdir(), 'sw-compose-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return scanText(composeSource, join(dir, base), files[base]!);
}

test('docker-compose.yml merges docker-compose.override.yml', () => {
  const { containers } = project({
    'docker-compose.yml': 'services:\n  web:\n    image: a:1\n    command: [echo, a]\n    security_opt: [no-new-privileges]\n    volumes: [./x:/data, ./y:/y]\n',
    'docker-compose.override.yml': 'services:\n  web:\n    command: [echo, b]\n    security_opt: [label=disable]\n    volumes: ["./z:/data:ro"]\n',
  }, 'docker-compose.yml');
  const c = containers[0]!;
  assert.equal(c.noNewPrivileges?.value, true);
  assert.equal(c.seLinux.disabled?.value, true);
  // volumes merge by target: /data is replaced by the override's, /y kept
  assert.deepEqual(c.mounts.map((m) => [m.source?.value, m.target?.value, m.readOnly?.value, basename(m.loc.file)]), [
    ['./z', '/data', true, 'docker-compose.override.yml'],
    ['./y', '/y', undefined, 'docker-compose.yml'],
  ]);
});

test('!reset removes what the base set, !override replaces a list whole', () => {
  const { containers, errors } = project({
    'compose.yaml': 'services:\n  web:\n    image: a:1\n    ports: ["80:80", "443:443"]\n    cap_add: [NET_ADMIN]\n    read_only: true\n',
    'compose.override.yaml': 'services:\n  web:\n    ports: !override\n      - "127.0.0.1:8080:80"\n    cap_add: !reset []\n    read_only: !reset null\n',
  });
  assert.deepEqual(errors, []);
  const c = containers[0]!;
  assert.deepEqual(c.ports.map((p) => [p.hostIP?.value, p.hostPort?.value, at(p.loc)]), [['127.0.0.1', 8080, '4:9-4:28']]);
  assert.deepEqual(c.capAdd, []);
  assert.equal(c.readOnlyRootFilesystem, undefined);
});

test('environment merges as a mapping whichever syntax each file uses', () => {
  const { containers } = project({
    'compose.yaml': 'services:\n  web:\n    image: a:1\n    environment:\n      A: "1"\n      B: "2"\n',
    'compose.override.yaml': 'services:\n  web:\n    environment:\n      - B=3\n      - C\n',
  });
  assert.deepEqual(containers[0]!.env.map((e) => [e.name.value, e.value?.value, e.reference, basename(e.loc.file), at(e.name.loc)]), [
    ['A', '1', undefined, 'compose.yaml', '5:7-5:8'],
    ['B', '3', undefined, 'compose.override.yaml', '4:9-4:10'],
    ['C', undefined, true, 'compose.override.yaml', '5:9-5:10'],
  ]);
});

test('a service only in the override is a workload located in the override', () => {
  const { model } = project({
    'compose.yaml': 'services:\n  web:\n    image: a:1\n',
    'compose.override.yaml': 'services:\n  debug:\n    image: b:1\n    privileged: true\n',
  });
  const debug = model.workloads.find((w) => w.name === 'debug')!;
  assert.equal(basename(debug.file), 'compose.override.yaml');
  assert.equal(debug.containers[0]!.privileged?.value, true);
});

test('.env values interpolate; .env is beside the file', () => {
  const { containers } = project({
    'compose.yaml': 'services:\n  web:\n    image: "app:${TAG}"\n    user: ${UID:-0}\n    mem_limit: ${MEM}\n',
    '.env': '# defaults\nTAG=2.1\nUID="1000"\n',
  });
  const c = containers[0]!;
  assert.deepEqual([c.image?.value, c.image?.dynamic], ['app:2.1', undefined]);
  assert.deepEqual([c.user?.value, c.user?.dynamic], ['1000', undefined]);
  assert.deepEqual([c.memoryLimit?.value, c.memoryLimit?.dynamic], ['${MEM}', true]);
});

test('.env values interpolate earlier .env variables, except single-quoted ones; an undefined one leaves the value unknown', () => {
  const { containers } = project({
    'compose.yaml': 'services:\n  web:\n    image: "${REGISTRY}/web:${TAG}"\n    user: ${APP_UID}\n    environment: {GREETING: \"${LITERAL}\"}\n    volumes: ["${DATA}:/data"]\n',
    '.env': 'HOST=registry.example.com\nREGISTRY=${HOST}:5000\nTAG="${VERSION:-2.4}"\nLITERAL=\'$HOST\'\nAPP_UID=${SHELL_UID}\nDATA=/srv/$HOST\n',
  });
  const c = containers[0]!;
  assert.equal(c.image?.value, 'registry.example.com:5000/web:2.4');
  assert.deepEqual([c.user?.value, c.user?.dynamic], ['${APP_UID}', true]);
  assert.equal(c.mounts[0]!.source?.value, '/srv/registry.example.com');
  assert.deepEqual(c.env.map((e) => [e.name.value, e.value?.value]), [['GREETING', '$HOST']]);
});
