import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createdUserId, formatUser, knownImageUser } from '../../src/edits/image-user.js';
import { imageFixUser } from '../../src/edits/fix-options.js';

test('known image users: nginx-unprivileged and distroless nonroot tags, by normalised name', () => {
  assert.deepEqual(knownImageUser('nginxinc/nginx-unprivileged:1.27'), { uid: 101, gid: 101 });
  assert.deepEqual(knownImageUser('docker.io/nginxinc/nginx-unprivileged@sha256:' + 'a'.repeat(64)), { uid: 101, gid: 101 });
  assert.deepEqual(knownImageUser('gcr.io/distroless/static-debian12:nonroot'), { uid: 65532, gid: 65532 });
  assert.deepEqual(knownImageUser('gcr.io/distroless/base:debug-nonroot'), { uid: 65532, gid: 65532 });
  assert.equal(knownImageUser('gcr.io/distroless/static-debian12'), undefined, 'distroless without nonroot runs as root');
  assert.equal(knownImageUser('gcr.io/distroless/static-debian12:latest'), undefined);
  assert.equal(knownImageUser('nginx'), undefined);
  assert.equal(knownImageUser('evil.example/nginxinc/nginx-unprivileged:1'), undefined, 'another registry is another image');
  assert.equal(knownImageUser('${IMAGE}'), undefined);
  assert.equal(knownImageUser(undefined), undefined);
});

test('the fix user: the image\'s own where known, else the configured one', () => {
  assert.deepEqual(imageFixUser('nginxinc/nginx-unprivileged:1.27', { uid: 2000 }), { uid: 101, gid: 101 });
  assert.deepEqual(imageFixUser('nginx', { uid: 2000 }), { uid: 2000, gid: 2000 });
  assert.deepEqual(imageFixUser(undefined, {}), { uid: 10001, gid: 10001 });
  assert.equal(formatUser({ uid: 1001 }), '1001');
});

test('a user created with an explicit UID in the build', () => {
  assert.equal(createdUserId('app', ['groupadd -g 10002 app && useradd -u 10002 -g app -m app']), 10002);
  assert.equal(createdUserId('app', ['adduser -D -u 1000 app']), 1000);
  assert.equal(createdUserId('app', ['useradd --uid=1234 app']), 1234);
  assert.equal(createdUserId('app', ['/usr/sbin/useradd --uid 1234 -s /bin/false app']), 1234);
  assert.equal(createdUserId('app', ['useradd -m app']), undefined, 'no UID given: the system picks one');
  assert.equal(createdUserId('app', ['useradd -u 1234 other']), undefined, 'another user');
  assert.equal(createdUserId('app', ['useradd -u $UID app']), undefined, 'a variable');
  assert.equal(createdUserId('nonroot', [], 'gcr.io/distroless/static:nonroot'), 65532);
  assert.equal(createdUserId('nonroot', [], 'debian:12'), undefined);
  assert.equal(createdUserId('nobody', [], 'debian:12'), undefined, 'nobody is not 65534 everywhere');
});
