import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLineSource } from '../../../src/sources/command-line/command-line-source.js';
import { GLOBAL_FLAGS, RUN_FLAGS, TOOL_VERSIONS } from '../../../src/sources/command-line/flag-table.js';
import { PODMAN5_GLOBAL_FLAGS, PODMAN5_RUN_FLAGS } from '../../../src/sources/command-line/podman5-flags.js';
import type { Location } from '../../../src/model/location.js';
import { at, scanText } from '../../support/scan-source.js';

/** The text a location covers (single- or multi-line). */
function textAt(text: string, loc: Location | undefined): string {
  if (!loc) return '<none>';
  const lines = text.split('\n');
  if (loc.startLine === loc.endLine) return lines[loc.startLine - 1]!.slice(loc.startColumn - 1, loc.endColumn - 1);
  return [lines[loc.startLine - 1]!.slice(loc.startColumn - 1), ...lines.slice(loc.startLine, loc.endLine - 1), lines[loc.endLine - 1]!.slice(0, loc.endColumn - 1)].join('\n');
}

const script = `#!/bin/bash
set -euo pipefail
sudo podman run --rm -itp 127.0.0.1:8080:80 --read-only --tmpfs /tmp:rw,size=64m,nosuid \\
  --security-opt=no-new-privileges --cap-drop all --cap-add NET_RAW,cap_sys_admin -u 1000:1000 \\
  -e "PASSWORD=hunter2" -e HOME -v "$PWD/data:/data:ro,Z" --name web registry.fedoraproject.org/fedora-minimal:39 sh -c 'echo hi'
docker --log-level debug container create --net host --pid=host --ipc host --uts=host -m 512m --cpus=2 --pids-limit 100 nginx
podman run --privileged --security-opt label=disable --security-opt seccomp=unconfined --runtime runsc \\
  --mount type=bind,source=/var/run/docker.sock,target=/sock,readonly --mount type=tmpfs,target=/run,tmpfs-size=16m \\
  --secret db,type=env,target=DB_PASS --secret tls -p 8443:443/tcp -p "[::1]:53:53/udp" --read-only-tmpfs=false busybox
`;

test('a run line becomes a workload of kind run with its flags located', () => {
  const { model, errors, containers } = scanText(commandLineSource, 'deploy.sh', script);
  assert.deepEqual(errors, []);
  assert.equal(model.workloads.length, 3);
  const [w] = model.workloads;
  const c = containers[0]!;
  assert.equal(w!.kind, 'run');
  assert.equal(w!.name, 'web');
  assert.equal(w!.input, 'RUN');
  // The workload and container are located at `podman run`.
  assert.equal(at(w!.loc), '3:6-3:16');
  assert.equal(textAt(script, c.loc), 'podman run');
  assert.deepEqual(c.resource, { kind: 'run', name: 'web', container: 'web' });
  assert.equal(c.image?.value, 'registry.fedoraproject.org/fedora-minimal:39');
  assert.equal(at(c.image?.loc), '5:70-5:114');
  assert.equal(c.name?.value, 'web');
  assert.equal(textAt(script, c.name?.loc), 'web');

  assert.equal(c.readOnlyRootFilesystem?.value, true);
  assert.equal(at(c.readOnlyRootFilesystem?.loc), '3:45-3:56');
  assert.equal(textAt(script, c.readOnlyRootFilesystem?.loc), '--read-only');
  assert.equal(c.noNewPrivileges?.value, true);
  assert.equal(textAt(script, c.noNewPrivileges?.loc), '--security-opt=no-new-privileges');
  assert.equal(at(c.noNewPrivileges?.loc), '4:3-4:35');
  assert.equal(c.user?.value, '1000:1000');
  assert.equal(textAt(script, c.user?.loc), '-u 1000:1000');
  assert.equal(c.group?.value, '1000');

  assert.deepEqual(c.capDrop.map((x) => [x.value, at(x.loc)]), [['ALL', '4:47-4:50']]);
  assert.deepEqual(c.capAdd.map((x) => [x.value, textAt(script, x.loc)]), [
    ['NET_RAW', 'NET_RAW'],
    ['SYS_ADMIN', 'cap_sys_admin'],
  ]);

  const [tmpfs, bind] = c.mounts;
  assert.equal(tmpfs!.kind, 'tmpfs');
  assert.equal(textAt(script, tmpfs!.loc), '--tmpfs /tmp:rw,size=64m,nosuid');
  assert.equal(tmpfs!.target?.value, '/tmp');
  assert.deepEqual(tmpfs!.options?.map((o) => [o.value, at(o.loc)]), [
    ['rw', '3:70-3:72'],
    ['size=64m', '3:73-3:81'],
    ['nosuid', '3:82-3:88'],
  ]);
  assert.equal(tmpfs!.sizeLimit?.value, '64m');
  assert.equal(bind!.kind, 'host');
  assert.equal(bind!.source?.value, '$PWD/data');
  assert.equal(bind!.source?.dynamic, true);
  assert.equal(at(bind!.source?.loc), '5:37-5:46');
  assert.equal(bind!.target?.value, '/data');
  assert.equal(bind!.target?.dynamic, undefined);
  assert.equal(bind!.readOnly?.value, true);
  assert.equal(textAt(script, bind!.readOnly?.loc), 'ro');

  const [port] = c.ports;
  assert.equal(textAt(script, port!.loc), 'p 127.0.0.1:8080:80');
  assert.deepEqual([port!.hostIP?.value, port!.hostPort?.value, port!.containerPort?.value], ['127.0.0.1', 8080, 80]);
  assert.equal(at(port!.hostIP?.loc), '3:27-3:36');
  assert.equal(at(port!.hostPort?.loc), '3:37-3:41');

  assert.deepEqual(c.env.map((e) => [e.name.value, e.value?.value, e.reference, textAt(script, e.loc)]), [
    ['PASSWORD', 'hunter2', undefined, '-e "PASSWORD=hunter2"'],
    ['HOME', undefined, true, '-e HOME'],
  ]);
  assert.equal(textAt(script, c.env[0]!.value?.loc), 'hunter2');
  assert.equal(model.imageRefs.length, 3);
  assert.equal(model.imageRefs[0]!.role, 'container');
});

test('global flags, container create, host namespaces and limits', () => {
  const { model, containers } = scanText(commandLineSource, 'deploy.sh', script);
  const w = model.workloads[1]!;
  const c = containers[1]!;
  assert.equal(textAt(script, w.loc), 'docker --log-level debug container create');
  assert.equal(w.name, 'nginx');
  assert.equal(c.image?.value, 'nginx');
  assert.deepEqual([w.hostNetwork?.value, textAt(script, w.hostNetwork?.loc)], [true, '--net host']);
  assert.deepEqual([w.hostPID?.value, textAt(script, w.hostPID?.loc)], [true, '--pid=host']);
  assert.deepEqual([w.hostIPC?.value, textAt(script, w.hostIPC?.loc)], [true, '--ipc host']);
  assert.deepEqual([w.hostUTS?.value, textAt(script, w.hostUTS?.loc)], [true, '--uts=host']);
  assert.deepEqual([c.memoryLimit?.value, textAt(script, c.memoryLimit?.loc)], ['512m', '-m 512m']);
  assert.deepEqual([c.cpuLimit?.value, textAt(script, c.cpuLimit?.loc)], ['2', '--cpus=2']);
  assert.deepEqual([c.pidsLimit?.value, textAt(script, c.pidsLimit?.loc)], ['100', '--pids-limit 100']);
  // absent facts stay undefined: rules borrow the command's location
  assert.equal(c.user, undefined);
  assert.equal(c.readOnlyRootFilesystem, undefined);
  assert.equal(c.noNewPrivileges, undefined);
});

test('privileged, SELinux, seccomp, runtime, --mount, --secret and ports in brackets', () => {
  const { model, containers } = scanText(commandLineSource, 'deploy.sh', script);
  const w = model.workloads[2]!;
  const c = containers[2]!;
  assert.deepEqual([c.privileged?.value, textAt(script, c.privileged?.loc)], [true, '--privileged']);
  assert.deepEqual([c.seLinux.disabled?.value, textAt(script, c.seLinux.disabled?.loc)], [true, '--security-opt label=disable']);
  assert.deepEqual([c.seccompProfile?.value, textAt(script, c.seccompProfile?.loc)], ['Unconfined', '--security-opt seccomp=unconfined']);
  assert.deepEqual([w.runtime?.value, textAt(script, w.runtime?.loc)], ['runsc', '--runtime runsc']);
  const [bind, tmpfs, secret] = c.mounts;
  assert.equal(bind!.kind, 'host');
  assert.equal(bind!.source?.value, '/var/run/docker.sock');
  assert.equal(textAt(script, bind!.source?.loc), '/var/run/docker.sock');
  assert.equal(bind!.readOnly?.value, true);
  assert.equal(tmpfs!.kind, 'tmpfs');
  assert.equal(tmpfs!.sizeLimit?.value, '16m');
  assert.equal(at(tmpfs!.sizeLimit?.loc), '8:113-8:116');
  assert.equal(secret!.kind, 'secret');
  assert.equal(secret!.target?.value, '/run/secrets/tls');
  assert.deepEqual(c.envFromSecrets.map((s) => [s.value, textAt(script, s.loc)]), [['db', 'db']]);
  assert.deepEqual(c.ports.map((p) => [p.hostIP?.value, p.hostPort?.value, p.containerPort?.value, p.protocol]), [
    [undefined, 8443, 443, 'tcp'],
    ['::1', 53, 53, 'udp'],
  ]);
  assert.equal(textAt(script, c.ports[1]!.hostIP?.loc), '::1');
});

test('wrappers in front of the tool', () => {
  const text = [
    'exec podman run a',
    'env -i FOO=1 BAR=2 docker run b',
    'nohup podman run c &',
    'time -p podman container run d',
    'sudo -u svc -E /usr/bin/podman run e',
    'timeout 30 docker run f',
    'FOO=1 podman create g',
    'podman ps -a',
    'docker build -t x .',
    'echo podman run h',
  ].join('\n');
  const { model } = scanText(commandLineSource, 'w.sh', text);
  assert.deepEqual(model.workloads.map((w) => [w.name, w.loc.startLine]), [
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 4],
    ['e', 5],
    ['f', 6],
    ['g', 7],
  ]);
  assert.equal(at(model.workloads[4]!.loc), '5:16-5:35');
});

test('global --runtime before the subcommand', () => {
  const { model } = scanText(commandLineSource, 'r.sh', 'podman --runtime /usr/bin/runsc run x\n');
  assert.equal(model.workloads[0]!.runtime?.value, '/usr/bin/runsc');
});

test('an unknown flag is a warning with line and column; the line is still read', () => {
  const { errors, warnings, containers } = scanText(commandLineSource, 'u.sh', 'podman run --frobnicate --read-only nginx:1\n');
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((e) => [e.code, e.line, e.column]), [['unknown-flag', 1, 12]]);
  assert.match(warnings[0]!.message, /--frobnicate/);
  assert.equal(containers[0]!.readOnlyRootFilesystem?.value, true);
  assert.equal(containers[0]!.image?.value, 'nginx:1');
});

test('unbalanced quotes: an error with file and line, other files still scanned', () => {
  const bad = scanText(commandLineSource, 'bad.sh', 'podman run --rm nginx\npodman run "oops\n');
  assert.deepEqual(bad.errors.map((e) => [e.file, e.code, e.line, e.column]), [['bad.sh', 'parse', 2, 12]]);
  const good = scanText(commandLineSource, 'good.sh', 'podman run nginx\n', bad.model);
  assert.equal(good.model.workloads.length, 1);
});

test('variables are unknown values, never misread', () => {
  const { containers } = scanText(commandLineSource, 'v.sh', 'podman run --user "$RUN_AS" --network "${NET:-bridge}" -v "$SRC:/data" "$IMAGE" --flag\n');
  const c = containers[0]!;
  assert.equal(c.user?.dynamic, true);
  assert.equal(c.workload.hostNetwork?.dynamic, true);
  assert.equal(c.image?.value, '$IMAGE');
  assert.equal(c.image?.dynamic, true);
  assert.equal(c.mounts[0]!.source?.dynamic, true);
});

test('--env-file is read beside the script and located in the env file', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'sw-env-'));
  writeFileSync(join(dir, 'app.env'), '# comment\nAPI_TOKEN=abc123\n');
  const { containers, model } = scanText(commandLineSource, join(dir, 'run.sh'), 'podman run --env-file app.env nginx\n');
  const env = containers[0]!.env[0]!;
  assert.equal(env.name.value, 'API_TOKEN');
  assert.equal(env.value?.value, 'abc123');
  assert.equal(at(env.value?.loc, true), `${join(dir, 'app.env')}@2:11-2:17`);
  assert.ok(model.files.has(join(dir, 'app.env')));
});

test('file detection by name and shebang', () => {
  for (const name of ['deploy.sh', 'x.bash', 'Makefile', 'sub/GNUmakefile', 'rules.mk', 'README.md', 'app.service']) {
    assert.equal(commandLineSource.matchesName(name), true, name);
  }
  assert.equal(commandLineSource.matchesName('compose.yaml'), false);
  assert.equal(commandLineSource.matchesContent('#!/bin/sh\npodman run x\n', 'deploy'), true);
  assert.equal(commandLineSource.matchesContent('#!/usr/bin/env bash\n', 'deploy'), true);
  assert.equal(commandLineSource.matchesContent('#!/usr/bin/python3\n', 'deploy'), false);
});

test('run lines inside sh -c / bash -lc scripts are read in place', () => {
  const text = `sudo sh -c 'podman run --privileged a && docker run b'\nbash -lc "podman run --user 0 c"\nsh -c "$CMD"\n`;
  const { model, containers } = scanText(commandLineSource, 'nested.sh', text);
  assert.deepEqual(model.workloads.map((w) => [w.name, at(w.loc)]), [
    ['a', '1:13-1:23'],
    ['b', '1:42-1:52'],
    ['c', '2:11-2:21'],
  ]);
  assert.equal(at(containers[0]!.privileged?.loc), '1:24-1:36');
  assert.equal(at(containers[2]!.user?.loc), '2:22-2:30');
});

test('podman 5 flags are known: the image after --retry 5, --hosts-file, --group-entry, --rdt-class is the image', () => {
  // Lines in the manner of podman 5's own documentation and release examples.
  const text = [
    'podman run --retry 5 --retry-delay 10s --rm quay.io/podman/hello:latest',
    'podman run --hosts-file none --group-entry "$GROUPNAME:x:$GID:$USERLIST" registry.fedoraproject.org/fedora:40 true',
    'podman create --rdt-class COS1 --shm-size-systemd 10m --health-startup-cmd "curl -f localhost" --no-hostname --preserve-fd 3 docker.io/library/nginx:1.27',
    'podman --imagestore /var/lib/images --transient-store --module fast.conf run --decryption-key /k.pem --health-log-destination events_logger --health-max-log-count 10 docker.io/library/alpine:3',
    'podman --root /srv/containers --runroot /run/ctr run --rm alpine:3 echo ok',
    '',
  ].join('\n');
  const { errors, warnings, containers } = scanText(commandLineSource, 'p5.sh', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, [], 'no podman 5 flag is unknown');
  assert.deepEqual(containers.map((c) => c.image?.value), ['quay.io/podman/hello:latest', 'registry.fedoraproject.org/fedora:40', 'docker.io/library/nginx:1.27', 'docker.io/library/alpine:3', 'alpine:3']);
});

test('a flag no table knows is a warning and never swallows the image', () => {
  const { errors, warnings, containers } = scanText(commandLineSource, 'f.sh', 'podman run --some-future-flag --read-only quay.io/x/app:2 serve\npodman run --some-future-value-flag=on -u 1000 quay.io/x/app:3\n');
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((w) => [w.code, w.line]), [['unknown-flag', 1], ['unknown-flag', 2]]);
  assert.deepEqual(containers.map((c) => [c.image?.value, c.readOnlyRootFilesystem?.value ?? c.user?.value]), [['quay.io/x/app:2', true], ['quay.io/x/app:3', '1000']]);
});

test('every podman flag beyond the generated table records the release it came from, or that podman hides it', () => {
  for (const f of [...PODMAN5_RUN_FLAGS, ...PODMAN5_GLOBAL_FLAGS]) {
    assert.match(f.from, /^podman \d+\.\d+\.\d+$|^podman 5\.6\.0 source \(hidden from --help\)$/, f.long);
    assert.ok(!RUN_FLAGS.some((g) => g.long === f.long && g.tools.includes('podman')) && !GLOBAL_FLAGS.some((g) => g.long === f.long && g.tools.includes('podman')), `${f.long} is already in the table`);
  }
  const from = (long: string) => [...PODMAN5_RUN_FLAGS, ...PODMAN5_GLOBAL_FLAGS].find((f) => f.long === long)?.from;
  // As podman's RELEASE_NOTES.md dates them.
  assert.deepEqual(['retry', 'hosts-file', 'group-entry', 'rdt-class', 'imagestore', 'cdi-spec-dir'].map(from), ['podman 5.0.0', 'podman 5.4.0', 'podman 4.5.0', 'podman 4.8.0', 'podman 4.6.0', 'podman 5.5.0']);
  assert.match(TOOL_VERSIONS.docker, /^Docker version 28\./);
});

test('hidden podman flags (Docker-compatibility no-ops, deprecated ones) are known too', () => {
  const text = 'podman --db-backend sqlite -D --context default run --kernel-memory 4m --gpus all docker.io/library/alpine:3 true\n';
  const { errors, warnings, containers } = scanText(commandLineSource, 'h.sh', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.equal(containers[0]?.image?.value, 'docker.io/library/alpine:3');
});

test('an unknown flag says what was made of the word after it: a number is its value, an image stays the image', () => {
  const text = 'podman run --brand-new-count 3 --read-only quay.io/x/app:2\npodman run --brand-new-size 512m quay.io/x/app:3 serve\npodman run --brand-new-switch quay.io/x/app:4 serve\n';
  const { errors, warnings, containers } = scanText(commandLineSource, 'u.sh', text);
  assert.deepEqual(errors, []);
  assert.deepEqual(containers.map((c) => c.image?.value), ['quay.io/x/app:2', 'quay.io/x/app:3', 'quay.io/x/app:4']);
  assert.match(warnings[0]!.message, /--brand-new-count .*read as taking the value "3"/);
  assert.match(warnings[1]!.message, /read as taking the value "512m"/);
  assert.match(warnings[2]!.message, /read as a flag without a value \(the image is "quay.io\/x\/app:4"\)/);
});

test('--expose declares a port; --mount type=image pulls its image; --secret source=name names the secret', () => {
  const text = [
    'podman run --expose 80 --expose 2000-3000/udp --mount type=image,source=quay.io/fedora/fedora:40,destination=/img \\',
    '  --secret source=db,type=env,target=DB_PASS --secret source=tls,type=mount,uid=1000 alpine:3.20',
    '',
  ].join('\n');
  const { containers, errors, model } = scanText(commandLineSource, 'run.sh', text);
  assert.deepEqual(errors, []);
  const c = containers[0]!;
  assert.deepEqual(
    c.ports.map((p) => `${p.published ? 'publish' : 'expose'} ${p.containerPort?.value}/${p.protocol ?? 'tcp'} ${textAt(text, p.loc)}`),
    ['expose 80/tcp --expose 80', 'expose 2000/udp --expose 2000-3000/udp'],
  );
  assert.deepEqual(model.imageRefs.map((r) => `${r.ref.value} ${textAt(text, r.ref.loc)}`).sort(), ['alpine:3.20 alpine:3.20', 'quay.io/fedora/fedora:40 quay.io/fedora/fedora:40']);
  assert.deepEqual(c.envFromSecrets.map((s) => `${s.value} ${textAt(text, s.loc)}`), ['db db']);
  assert.deepEqual(c.mounts.filter((m) => m.kind === 'secret').map((m) => `${m.source?.value} -> ${m.target?.value} [${m.options?.map((o) => o.value).join(',')}]`), ['tls -> /run/secrets/tls [type=mount,uid=1000]']);
});

test('--security-opt systempaths=unconfined (docker) unmasks every masked path, as unmask=ALL does', () => {
  const text = 'docker run --security-opt systempaths=unconfined --security-opt systempaths=confined alpine:3.20\n';
  const { containers } = scanText(commandLineSource, 'run.sh', text);
  assert.deepEqual(containers[0]!.unmasked?.map((u) => `${u.value} ${textAt(text, u.loc)}`), ['ALL --security-opt systempaths=unconfined']);
});
