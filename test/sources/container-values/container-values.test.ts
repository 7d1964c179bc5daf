import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyContainer } from '../../../src/model/container-spec.js';
import type { Workload } from '../../../src/model/workload.js';
import { capabilityList, normalizeCapability } from '../../../src/sources/container-values/capabilities.js';
import { parseEnvFile } from '../../../src/sources/container-values/env-file.js';
import { parseMountCsv, parseTmpfsSpec, parseVolumeSpec } from '../../../src/sources/container-values/mount-spec.js';
import { parsePortSpec } from '../../../src/sources/container-values/port-spec.js';
import { applySecretSpec } from '../../../src/sources/container-values/secret-spec.js';
import { applySecurityOpt } from '../../../src/sources/container-values/security-opt.js';
import { exactSpan, looseSpan } from '../../../src/sources/container-values/text-span.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import { at } from '../../support/scan-source.js';

/** A span for `value` written at column 1 of line 1 of a file. */
function span(value: string) {
  return exactSpan(sourceFile('f', value), 0, value);
}

function container() {
  const w = { input: 'RUN', file: 'f', loc: span('x').loc, kind: 'run', labels: {}, annotations: {}, containers: [] } as Workload;
  return emptyContainer('RUN', w.loc, { kind: 'run' }, w);
}

test('port specs', () => {
  const cases: [string, string | undefined, number | undefined, number | undefined, string | undefined][] = [
    ['80', undefined, undefined, 80, undefined],
    ['8080:80', undefined, 8080, 80, undefined],
    ['127.0.0.1:8080:80', '127.0.0.1', 8080, 80, undefined],
    ['1.2.3.4::80', '1.2.3.4', undefined, 80, undefined],
    ['[::1]:53:53/udp', '::1', 53, 53, 'udp'],
    ['8000-8010:80-90/TCP', undefined, 8000, 80, 'tcp'],
    ['0.0.0.0:443:443', '0.0.0.0', 443, 443, undefined],
  ];
  for (const [text, ip, host, ctr, proto] of cases) {
    const p = parsePortSpec(span(text));
    assert.deepEqual([p.hostIP?.value, p.hostPort?.value, p.containerPort?.value, p.protocol], [ip, host, ctr, proto], text);
  }
  const p = parsePortSpec(span('127.0.0.1:8080:80'));
  assert.deepEqual([at(p.hostIP?.loc), at(p.hostPort?.loc), at(p.containerPort?.loc)], ['1:1-1:10', '1:11-1:15', '1:16-1:18']);
  const dynamic = parsePortSpec(looseSpan('${PORT}:80', span('${PORT}:80').loc, true));
  assert.deepEqual([dynamic.hostPort?.value, dynamic.hostPort?.dynamic, dynamic.containerPort?.value], [0, true, 80]);
});

test('volume specs', () => {
  const v = (text: string) => {
    const m = parseVolumeSpec(span(text));
    return [m.kind, m.source?.value, m.target?.value, m.readOnly?.value, m.options?.map((o) => o.value)];
  };
  assert.deepEqual(v('/data'), ['volume', undefined, '/data', undefined, []]);
  assert.deepEqual(v('name:/d'), ['volume', 'name', '/d', undefined, []]);
  assert.deepEqual(v('/a:/b:rw'), ['host', '/a', '/b', false, ['rw']]);
  assert.deepEqual(v('./a:/b:ro,Z'), ['host', './a', '/b', true, ['ro', 'Z']]);
  assert.deepEqual(v('~/a:/b:z'), ['host', '~/a', '/b', undefined, ['z']]);
  assert.deepEqual(v('C:\\data:/d:ro'), ['host', 'C:\\data', '/d', true, ['ro']]);
  assert.equal(at(parseVolumeSpec(span('/a:/b:ro')).readOnly?.loc), '1:7-1:9');
});

test('--mount CSV and tmpfs specs', () => {
  let m = parseMountCsv(span('type=bind,src=/etc,dst=/host-etc,readonly=false'));
  assert.deepEqual([m.kind, m.source?.value, m.target?.value, m.readOnly?.value], ['host', '/etc', '/host-etc', false]);
  assert.equal(at(m.source?.loc), '1:15-1:19');
  m = parseMountCsv(span('type=volume,source=data,destination=/d,ro=true'));
  assert.deepEqual([m.kind, m.readOnly?.value], ['volume', true]);
  m = parseMountCsv(span('type=tmpfs,target=/run,tmpfs-size=64m,tmpfs-mode=1777,noexec'));
  assert.deepEqual([m.kind, m.sizeLimit?.value, m.options?.map((o) => o.value)], ['tmpfs', '64m', ['tmpfs-size=64m', 'tmpfs-mode=1777', 'noexec']]);
  m = parseMountCsv(span('target=/x'));
  assert.equal(m.kind, 'volume');
  const t = parseTmpfsSpec(span('/tmp:rw,size=64m,nosuid,nodev,noexec'));
  assert.deepEqual([t.target?.value, t.sizeLimit?.value, t.readOnly?.value, t.options?.length], ['/tmp', '64m', false, 5]);
  assert.equal(at(t.sizeLimit?.loc), '1:14-1:17');
  assert.deepEqual(parseTmpfsSpec(span('/run')).options, []);
  assert.equal(parseTmpfsSpec(span('/test:ro')).readOnly?.value, true);
});

test('security options in every spelling', () => {
  const cases: [string, (c: ReturnType<typeof container>) => unknown, unknown][] = [
    ['no-new-privileges', (c) => c.noNewPrivileges?.value, true],
    ['no-new-privileges=true', (c) => c.noNewPrivileges?.value, true],
    ['no-new-privileges:true', (c) => c.noNewPrivileges?.value, true],
    ['no-new-privileges=false', (c) => c.noNewPrivileges?.value, false],
    ['label=disable', (c) => c.seLinux.disabled?.value, true],
    ['label:disable', (c) => c.seLinux.disabled?.value, true],
    ['label=type:spc_t', (c) => c.seLinux.type?.value, 'spc_t'],
    ['label=user:system_u', (c) => c.seLinux.user?.value, 'system_u'],
    ['label=role:r', (c) => c.seLinux.role?.value, 'r'],
    ['label=level:s0:c1,c2', (c) => c.seLinux.level?.value, 's0:c1,c2'],
    ['seccomp=unconfined', (c) => c.seccompProfile?.value, 'Unconfined'],
    ['seccomp:unconfined', (c) => c.seccompProfile?.value, 'Unconfined'],
    ['seccomp=/etc/profile.json', (c) => c.seccompProfile?.value, '/etc/profile.json'],
    ['apparmor=unconfined', (c) => c.seccompProfile?.value, undefined],
  ];
  for (const [text, get, expected] of cases) {
    const c = container();
    applySecurityOpt(c, span(text));
    assert.equal(get(c), expected, text);
  }
  const c = container();
  applySecurityOpt(c, span('label=type:spc_t'));
  assert.equal(at(c.seLinux.type?.loc), '1:12-1:17');
});

test('secrets: mount by default, env with type=env', () => {
  const c = container();
  applySecretSpec(c, span('db'));
  applySecretSpec(c, span('tls,target=/certs/tls.pem,mode=0400'));
  applySecretSpec(c, span('token,type=env,target=API_TOKEN'));
  assert.deepEqual(c.mounts.map((m) => [m.kind, m.source?.value, m.target?.value]), [
    ['secret', 'db', '/run/secrets/db'],
    ['secret', 'tls', '/certs/tls.pem'],
  ]);
  assert.deepEqual(c.envFromSecrets.map((s) => [s.value, at(s.loc)]), [['token', '1:1-1:6']]);
});

test('capabilities are upper case without CAP_', () => {
  assert.equal(normalizeCapability('cap_sys_admin'), 'SYS_ADMIN');
  assert.equal(normalizeCapability('all'), 'ALL');
  assert.deepEqual(capabilityList(span('NET_RAW,,cap_chown')).map((c) => [c.value, at(c.loc)]), [
    ['NET_RAW', '1:1-1:8'],
    ['CHOWN', '1:10-1:19'],
  ]);
});

test('env files: export, quotes, comments, bare names, with and without quote handling', () => {
  const src = sourceFile('app.env', '# c\nexport A="x y" # note\nB=\'lit $X\'\nC=plain # c\nD\n  E = spaced\nF="esc\\"aped"\n');
  const entries = parseEnvFile(src, true);
  assert.deepEqual(entries.map((e) => [e.name.value, e.value?.value]), [
    ['A', 'x y'],
    ['B', 'lit $X'],
    ['C', 'plain'],
    ['D', undefined],
    ['E', 'spaced'],
    ['F', 'esc"aped'],
  ]);
  assert.deepEqual(entries.map((e) => at(e.value?.loc)), ['2:11-2:14', '3:4-3:10', '4:3-4:8', 'none', '6:7-6:13', '7:3-7:14']);
  const raw = parseEnvFile(sourceFile('a.env', 'A="x y"\n'), false);
  assert.equal(raw[0]!.value?.value, '"x y"');
});
