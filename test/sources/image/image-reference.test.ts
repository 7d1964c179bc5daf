import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageReference } from '../../../src/sources/image/image-reference.js';
import { choosePlatform, parsePlatform } from '../../../src/sources/image/platform.js';
import { scanContentOf, secretFileName } from '../../../src/sources/image/secret-detect.js';
import { credentialKindsIn, isSecretName, redactText } from '../../../src/secrets/secret-detection.js';

test('transports', () => {
  const cases: [string, unknown][] = [
    ['oci:/tmp/layout', { transport: 'oci', path: '/tmp/layout' }],
    ['oci:/tmp/layout:v1', { transport: 'oci', path: '/tmp/layout', tag: 'v1' }],
    ['oci-archive:img.tar:v1', { transport: 'oci-archive', path: 'img.tar', tag: 'v1' }],
    ['docker-archive:/x/a.tar', { transport: 'docker-archive', path: '/x/a.tar' }],
    ['docker-archive:/x/a.tar:app:v1', { transport: 'docker-archive', path: '/x/a.tar', name: 'app:v1' }],
    ['docker-archive:/x/a.tar@1', { transport: 'docker-archive', path: '/x/a.tar', index: 1 }],
    ['docker://nginx', { transport: 'docker', registry: 'docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['docker://quay.io/org/app:1.2', { transport: 'docker', registry: 'quay.io', repository: 'org/app', tag: '1.2' }],
    ['docker://localhost:5000/app@sha256:' + 'a'.repeat(64), { transport: 'docker', registry: 'localhost:5000', repository: 'app', digest: 'sha256:' + 'a'.repeat(64) }],
    ['docker://user/app:1', { transport: 'docker', registry: 'docker.io', repository: 'user/app', tag: '1' }],
  ];
  for (const [ref, want] of cases) assert.deepEqual(parseImageReference(ref), want, ref);
  assert.throws(() => parseImageReference('docker:nginx'), /expected docker:\/\/REGISTRY/);
  assert.throws(() => parseImageReference('nginx'), /unknown transport/);
});

test('platform choice', () => {
  const entries = [
    { digest: 'a', platform: { os: 'linux', architecture: 'amd64' } },
    { digest: 'b', platform: { os: 'linux', architecture: 'arm', variant: 'v6' } },
    { digest: 'c', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
  ];
  assert.equal(choosePlatform(entries, parsePlatform('linux/arm/v7'), 'x').digest, 'c');
  assert.equal(choosePlatform(entries, parsePlatform('linux/amd64'), 'x').digest, 'a');
  assert.throws(() => choosePlatform(entries, parsePlatform('linux/s390x'), 'index'), /index has no image for linux\/s390x; it offers linux\/amd64, linux\/arm\/v6, linux\/arm\/v7/);
  assert.throws(() => parsePlatform('amd64'), /expected OS\/ARCH/);
});

test('secret detection', () => {
  assert.deepEqual(credentialKindsIn('key AKIA' + 'ABCDEFGHIJKLMNOP'), ['AWS access key id']);
  assert.deepEqual(credentialKindsIn('postgres://app:' + 'hunter22@db/app'), ['URL with a password']);
  assert.deepEqual(credentialKindsIn('postgres://app:password@db/app'), []);
  assert.deepEqual(credentialKindsIn('plain text'), []);
  assert.equal(secretFileName('/home/u/.ssh/id_ed25519')?.kind, 'SSH private key');
  assert.equal(secretFileName('/home/u/.ssh/id_ed25519.pub'), undefined);
  assert.equal(secretFileName('/app/.env.example'), undefined);
  assert.equal(secretFileName('/root/.docker/config.json')?.kind, 'Docker credentials');
  assert.deepEqual(secretFileName('/srv/server.pem'), { kind: 'key file', needsContent: true });
  assert.equal(secretFileName('/usr/share/perl/5.36.0/CPAN/HTTP/Credentials.pm'), undefined);
  assert.equal(secretFileName('/usr/share/cmake/Templates/TemporaryKey.pfx'), undefined);
  assert.equal(secretFileName('/app/node_modules/x/fixtures/credentials'), undefined);
  assert.equal(secretFileName('/home/app/.aws/credentials')?.kind, 'credentials file');
  assert.equal(secretFileName('/srv/keys/signing.p12')?.kind, 'key store');
  assert.ok(scanContentOf('/srv/app/config.py'));
  assert.ok(!scanContentOf('/usr/lib/python3/dist-packages/cryptography/ssh.py'));
  assert.ok(!scanContentOf('/app/node_modules/pkg/test/key.pem'));
  // Layer files and environment variables are judged by the same names and shapes.
  assert.ok(isSecretName('GITHUB_TOKEN'));
  assert.ok(isSecretName('db_password'));
  assert.ok(!isSecretName('VERSION'));
  assert.ok(!isSecretName('AUTHOR'), 'a word that merely contains "auth" is no secret');
});

test('history text is redacted before it is quoted', async () => {
  const redactSecrets = redactText;
  assert.equal(redactSecrets('|2 VERSION=1 API_TOKEN=abc /bin/sh -c make'), '|2 VERSION=1 API_TOKEN=*** /bin/sh -c make');
  assert.equal(redactSecrets('/bin/sh -c curl https://u:' + 'pa55word@host/x'), '/bin/sh -c curl https://u:***@host/x');
  assert.equal(redactSecrets('ENV DB_PASSWORD="a b"'), 'ENV DB_PASSWORD=***');
});
