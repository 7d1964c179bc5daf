import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { composeSource } from '../../../src/sources/compose/compose-source.js';
import type { Location } from '../../../src/model/location.js';
import { repoRoot } from '../../support/prerequisites.js';
import { at, scanText } from '../../support/scan-source.js';

const dir = resolve(repoRoot, 'test/sources/compose/fixtures/project');
const composePath = resolve(dir, 'compose.yaml');

/** `file@line:col-line:col` with the file's base name. */
function where(loc: Location | undefined): string {
  return loc ? `${basename(loc.file)}@${at(loc)}` : 'none';
}

function scanProject() {
  return scanText(composeSource, composePath, readFileSync(composePath, 'utf8'));
}

function service(name: string) {
  const scanned = scanProject();
  const w = scanned.model.workloads.find((x) => x.name === name)!;
  return { ...scanned, w, c: w.containers[0]! };
}

test('services become workloads of kind Service, located at the service key', () => {
  const { model } = scanProject();
  assert.deepEqual(model.workloads.map((w) => [w.name, w.kind, w.input, where(w.loc)]), [
    ['web', 'Service', 'CMP', 'compose.yaml@5:3-5:6'],
    ['worker', 'Service', 'CMP', 'compose.yaml@52:3-52:9'],
    ['job', 'Service', 'CMP', 'compose.yaml@63:3-63:6'],
    ['extra', 'Service', 'CMP', 'compose.override.yaml@10:3-10:8'],
  ]);
  assert.deepEqual(model.imageRefs.map((r) => [r.ref.value, r.role, r.input]), [
    ['nginx:1.27', 'container', 'CMP'],
    ['worker:${WTAG:?set WTAG}', 'container', 'CMP'],
    ['job:2024', 'container', 'CMP'],
    ['redis:7', 'container', 'CMP'],
  ]);
});

test('image with ${VAR:-default} from .env, user, merge keys and the override', () => {
  const { c } = service('web');
  assert.deepEqual([c.image?.value, where(c.image?.loc), c.image?.dynamic], ['nginx:1.27', 'compose.yaml@7:5-7:34', undefined]);
  assert.deepEqual([c.user?.value, where(c.user?.loc), c.group?.value, where(c.group?.loc)], ['1000:1000', 'compose.yaml@8:5-8:22', '1000', 'compose.yaml@8:17-8:21']);
  // read_only came from the anchor, then the override set it to false: located in the override.
  assert.deepEqual([c.readOnlyRootFilesystem?.value, where(c.readOnlyRootFilesystem?.loc)], [false, 'compose.override.yaml@6:5-6:21']);
  assert.deepEqual(c.capDrop.map((x) => [x.value, where(x.loc)]), [['ALL', 'compose.yaml@3:14-3:17']]);
  // cap_add appends across files
  assert.deepEqual(c.capAdd.map((x) => [x.value, where(x.loc)]), [
    ['NET_BIND_SERVICE', 'compose.yaml@39:15-39:35'],
    ['SYS_PTRACE', 'compose.override.yaml@9:15-9:25'],
  ]);
  assert.deepEqual(c.resource, { kind: 'Service', name: 'web', container: 'web' });
});

test('ports: short and long syntax, merged by unique key with the override', () => {
  const { c } = service('web');
  assert.deepEqual(
    c.ports.map((p) => [p.hostIP?.value, p.hostPort?.value, p.containerPort?.value, p.protocol, where(p.loc)]),
    [
      ['127.0.0.1', 8080, 80, undefined, 'compose.override.yaml@4:9-4:28'],
      [undefined, 443, 443, undefined, 'compose.yaml@11:9-11:16'],
      ['0.0.0.0', 9000, 9000, 'udp', 'compose.yaml@12:9-15:22'],
      [undefined, 8443, 443, undefined, 'compose.override.yaml@5:9-5:19'],
      [undefined, undefined, 80, undefined, 'compose.yaml@16:14-16:18'],
    ],
  );
  const [first] = c.ports;
  assert.equal(where(first!.hostIP?.loc), 'compose.override.yaml@4:10-4:19');
  assert.equal(where(first!.hostPort?.loc), 'compose.override.yaml@4:20-4:24');
  assert.equal(where(c.ports[2]!.hostPort?.loc), 'compose.yaml@13:21-13:25');
});

test('volumes (short and long), tmpfs and secrets become mounts', () => {
  const { c } = service('web');
  assert.deepEqual(
    c.mounts.map((m) => [m.kind, m.source?.value, m.target?.value, m.readOnly?.value, m.sizeLimit?.value, m.options?.map((o) => o.value), where(m.loc)]),
    [
      ['host', './html', '/usr/share/nginx/html', true, undefined, ['ro'], 'compose.yaml@18:9-18:40'],
      ['volume', 'data', '/data', undefined, undefined, [], 'compose.yaml@19:9-19:19'],
      ['host', '/var/run/docker.sock', '/var/run/docker.sock', true, undefined, [], 'compose.yaml@20:9-23:24'],
      ['tmpfs', undefined, '/cache', undefined, '64m', ['size=64m'], 'compose.yaml@24:9-27:20'],
      ['tmpfs', undefined, '/tmp', undefined, '64m', ['size=64m', 'nosuid'], 'compose.yaml@28:12-28:32'],
      ['secret', 'db', '/run/secrets/db', undefined, undefined, [], 'compose.yaml@47:9-47:11'],
      ['secret', 'api', '/run/secrets/api_key', undefined, undefined, [], 'compose.yaml@48:9-49:24'],
    ],
  );
  const bind = c.mounts[0]!;
  assert.equal(where(bind.source?.loc), 'compose.yaml@18:9-18:15');
  assert.equal(where(bind.target?.loc), 'compose.yaml@18:16-18:37');
  assert.equal(where(bind.readOnly?.loc), 'compose.yaml@18:38-18:40');
  assert.equal(where(c.mounts[2]!.readOnly?.loc), 'compose.yaml@23:20-23:24');
  assert.equal(where(c.mounts[4]!.options![1]!.loc), 'compose.yaml@28:26-28:32');
});

test('environment list and map, env_file located in the env file, $$ and unknown variables', () => {
  const { c, model } = service('web');
  assert.deepEqual(
    c.env.map((e) => [e.name.value, e.value?.value, e.value?.dynamic, e.reference, where(e.name.loc), where(e.value?.loc)]),
    [
      ['API_TOKEN', 'abc123', undefined, undefined, 'web.env@2:1-2:10', 'web.env@2:12-2:18'],
      ['PLAIN', '1', undefined, undefined, 'web.env@3:8-3:13', 'web.env@3:14-3:15'],
      ['DB_PASSWORD', 'from-override', undefined, undefined, 'compose.override.yaml@8:7-8:18', 'compose.override.yaml@8:20-8:33'],
      ['HOME', undefined, undefined, true, 'compose.yaml@31:9-31:13', 'none'],
      ['IMG', '$UNKNOWN', true, undefined, 'compose.yaml@32:9-32:12', 'compose.yaml@32:13-32:21'],
      // `$$` changed the text, so its parts share the item's location
      ['PRICE', '$5', undefined, undefined, 'compose.yaml@33:9-33:18', 'compose.yaml@33:9-33:18'],
    ],
  );
  assert.ok([...model.files.keys()].some((f) => f.endsWith('web.env')));
});

test('security_opt forms, namespaces, limits and runtime', () => {
  const { c, w } = service('web');
  assert.deepEqual([c.noNewPrivileges?.value, where(c.noNewPrivileges?.loc)], [true, 'compose.yaml@36:9-36:31']);
  assert.deepEqual([c.seLinux.disabled?.value, where(c.seLinux.disabled?.loc)], [true, 'compose.yaml@37:9-37:22']);
  assert.deepEqual([c.seccompProfile?.value, where(c.seccompProfile?.loc)], ['Unconfined', 'compose.yaml@38:9-38:27']);
  assert.deepEqual([w.hostNetwork?.value, where(w.hostNetwork?.loc)], [true, 'compose.yaml@40:5-40:23']);
  assert.deepEqual([w.hostPID?.value, where(w.hostPID?.loc)], [true, 'compose.yaml@41:5-41:14']);
  assert.deepEqual([w.hostIPC?.value, where(w.hostIPC?.loc)], [true, 'compose.yaml@42:5-42:14']);
  assert.deepEqual([c.pidsLimit?.value, where(c.pidsLimit?.loc)], ['100', 'compose.yaml@43:5-43:20']);
  assert.deepEqual([c.memoryLimit?.value, where(c.memoryLimit?.loc)], ['512m', 'compose.yaml@44:5-44:20']);
  assert.deepEqual([c.cpuLimit?.value, where(c.cpuLimit?.loc)], ['0.5', 'compose.yaml@45:5-45:14']);
  assert.deepEqual([w.runtime?.value, where(w.runtime?.loc)], ['runsc', 'compose.yaml@50:5-50:19']);
  // not set is not false
  assert.equal(c.privileged, undefined);
  assert.equal(w.hostUTS, undefined);
});

test('extends in the same file: the base service is merged under the extending one', () => {
  const { c } = service('worker');
  assert.deepEqual([c.image?.value, c.image?.dynamic], ['worker:${WTAG:?set WTAG}', true]);
  // from web in compose.yaml (the override applies to web only)
  assert.deepEqual([c.readOnlyRootFilesystem?.value, where(c.readOnlyRootFilesystem?.loc)], [true, 'compose.yaml@2:3-2:18']);
  assert.equal(c.ports.length, 4);
  assert.deepEqual(c.env.map((e) => e.name.value), ['API_TOKEN', 'PLAIN', 'DB_PASSWORD', 'HOME', 'IMG', 'PRICE', 'MODE']);
  // deploy.resources.limits win over cpus / mem_limit / pids_limit
  assert.deepEqual([c.cpuLimit?.value, where(c.cpuLimit?.loc)], ['2', 'compose.yaml@60:11-60:20']);
  assert.deepEqual([c.memoryLimit?.value, where(c.memoryLimit?.loc)], ['1g', 'compose.yaml@61:11-61:21']);
  assert.deepEqual([c.pidsLimit?.value, where(c.pidsLimit?.loc)], ['50', 'compose.yaml@62:11-62:19']);
});

test('extends from another file, container_name, dynamic booleans and uts', () => {
  const { c, w } = service('job');
  assert.deepEqual([c.user?.value, where(c.user?.loc)], ['10001', 'base.yaml@5:5-5:18']);
  assert.deepEqual([c.readOnlyRootFilesystem?.value, where(c.readOnlyRootFilesystem?.loc)], [true, 'base.yaml@3:5-3:20']);
  assert.equal(c.noNewPrivileges?.value, true);
  assert.deepEqual([c.image?.value, where(c.image?.loc)], ['job:2024', 'compose.yaml@67:5-67:26']);
  // ${PRIV:-false}: the default is what runs when PRIV is unset
  assert.deepEqual([c.privileged?.value, c.privileged?.dynamic], [false, undefined]);
  assert.deepEqual([w.hostUTS?.value, where(w.hostUTS?.loc)], [true, 'compose.yaml@69:5-69:14']);
  assert.equal(c.name?.value, 'nightly');
  assert.deepEqual(c.resource, { kind: 'Service', name: 'job', container: 'nightly' });
});

test('an interpolation error is a ScanError at the value; the rest is still read', () => {
  const { errors, model } = scanProject();
  assert.deepEqual(errors.map((e) => [basename(e.file), e.line, e.column, e.code]), [['compose.yaml', 54, 12, 'interpolation']]);
  assert.match(errors[0]!.message, /WTAG.*set WTAG/);
  assert.equal(model.workloads.length, 4);
});

test('the override file alone adds nothing when its base is beside it', () => {
  const path = resolve(dir, 'compose.override.yaml');
  const { model } = scanText(composeSource, path, readFileSync(path, 'utf8'));
  assert.equal(model.workloads.length, 0);
});

test('detection by name and by content', () => {
  for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'a/docker-compose.yml', 'compose.override.yaml', 'docker-compose.override.yml']) {
    assert.equal(composeSource.matchesName(name), true, name);
  }
  assert.equal(composeSource.matchesName('my-compose.yaml'), false);
  assert.equal(composeSource.matchesContent('services:\n  web:\n    image: nginx\n', 'stack.yaml'), true);
  assert.equal(composeSource.matchesContent('apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n', 'pod.yaml'), false);
  assert.equal(composeSource.matchesContent('services:\n  - a\n', 'x.yaml'), false);
});

test('a file of several documents is read as compose-go reads it: each document a layer merged in order', () => {
  // What `docker compose publish` packs: two Compose files as two documents of one stream.
  const text = [
    'services:',
    '  app:',
    '    image: alpine:3.20',
    '    cap_add: [NET_BIND_SERVICE]',
    '---',
    'services:',
    '  app:',
    '    privileged: true',
    '    cap_add: [SYS_ADMIN]',
    '  worker:',
    '    image: busybox',
    '---',
    '',
  ].join('\n');
  const { containers, errors } = scanText(composeSource, 'compose.yaml', text);
  assert.deepEqual(errors, []);
  const app = containers.find((c) => c.name?.value === 'app' || c.resource?.name === 'app') ?? containers[0]!;
  assert.equal(containers.length, 2);
  assert.equal(app.image?.value, 'alpine:3.20');
  assert.equal(app.privileged?.value, true);
  assert.equal(app.privileged?.loc.startLine, 8, 'located in the second document');
  assert.deepEqual(app.capAdd.map((c) => c.value).sort(), ['NET_BIND_SERVICE', 'SYS_ADMIN']);
});
