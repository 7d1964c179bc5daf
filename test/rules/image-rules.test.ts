/**
 * Tables for the rules on built images: valid and invalid ImageSpecs, each
 * invalid case with its message and the image pseudo-location (line 1, column 1).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ImageSpec } from '../../src/model/image-spec.js';
import type { RuleDefinition } from '../../src/rules/rule.js';
import packageManagerInImage from '../../src/rules/package-manager-in-image.js';
import secretFileInImage from '../../src/rules/secret-file-in-image.js';
import secretInBuildArg, { recordedArgs } from '../../src/rules/secret-in-build-arg.js';
import setuidBinary from '../../src/rules/setuid-binary.js';
import shellInImage from '../../src/rules/shell-in-image.js';
import { rules } from '../../src/rules/index.js';
import { REF, findingsOf, imageOf, layerDigest } from '../support/image-spec-fixture.js';

interface Case {
  name: string;
  image: ImageSpec;
  /** Expected [message pattern, path] per finding; empty for a valid case. */
  errors: [RegExp, string | undefined][];
}

function table(rule: RuleDefinition, cases: Case[]): void {
  describe(rule.id, () => {
    for (const c of cases) {
      test(c.name, () => {
        const found = findingsOf(rule, c.image);
        assert.equal(found.length, c.errors.length, JSON.stringify(found.map((f) => f.message)));
        c.errors.forEach(([message, path], i) => {
          const f = found[i]!;
          assert.match(f.message, message);
          assert.equal(f.location.file, REF);
          assert.equal(f.location.startLine, 1);
          assert.equal(f.location.startColumn, 1);
          assert.equal(f.resource?.kind, 'Image');
          assert.equal(f.resource?.path, path);
        });
      });
    }
  });
}

table(shellInImage, [
  { name: 'no shell', image: imageOf([[{ path: '/app/server', facts: {} }]]), errors: [] },
  { name: 'deleted shell', image: imageOf([[{ path: '/bin/sh', facts: { shell: 'sh' }, deletedBy: { layerIndex: 1, how: 'whiteout' } }], []]), errors: [] },
  {
    name: 'busybox',
    image: imageOf([[{ path: '/bin/busybox', facts: { shell: 'busybox' } }]]),
    errors: [[/final filesystem holds a shell, \/bin\/busybox \(busybox\), from layer 0 \(sha256:0{64}\), step: \/bin\/sh -c #\(nop\) COPY/, '/bin/busybox']],
  },
  {
    name: 'symlinks to busybox are the same shell: one finding naming them',
    image: imageOf([
      [{ path: '/bin/busybox', facts: { shell: 'busybox' } }],
      [
        { path: '/bin/sh', type: 'symlink', linkTarget: 'busybox', facts: { shell: 'sh' } },
        { path: '/bin/ash', type: 'symlink', linkTarget: '/bin/busybox', facts: { shell: 'ash' } },
        { path: '/usr/bin/bash', type: 'file', facts: { shell: 'bash' } },
      ],
    ]),
    errors: [
      [/holds a shell, \/bin\/busybox \(busybox; also as \/bin\/ash, \/bin\/sh\), from layer 0/, '/bin/busybox'],
      [/holds a shell, \/usr\/bin\/bash \(bash\), from layer 1/, '/usr/bin/bash'],
    ],
  },
]);

table(packageManagerInImage, [
  { name: 'none', image: imageOf([[{ path: '/bin/sh', facts: { shell: 'sh' } }]]), errors: [] },
  {
    name: 'apt and apt-get are one finding',
    image: imageOf([[{ path: '/usr/bin/apt', facts: { packageManager: 'apt' } }, { path: '/usr/bin/apt-get', facts: { packageManager: 'apt' } }, { path: '/usr/bin/dpkg', facts: { packageManager: 'dpkg' } }]]),
    errors: [
      [/holds the apt package manager \(\/usr\/bin\/apt, \/usr\/bin\/apt-get\)/, '/usr/bin/apt'],
      [/holds the dpkg package manager/, '/usr/bin/dpkg'],
    ],
  },
]);

table(setuidBinary, [
  { name: 'plain file', image: imageOf([[{ path: '/usr/bin/passwd', mode: 0o755, facts: {} }]]), errors: [] },
  {
    name: 'setuid and setgid',
    image: imageOf([[{ path: '/usr/bin/su', mode: 0o6755, facts: { setuid: true, setgid: true } }]]),
    errors: [[/\/usr\/bin\/su has the setuid and setgid bits set \(mode 6755\), from layer 0/, '/usr/bin/su']],
  },
]);

table(secretFileInImage, [
  { name: 'no secret', image: imageOf([[{ path: '/app/main.js', facts: {} }]]), errors: [] },
  {
    name: 'present in the final filesystem',
    image: imageOf([[{ path: '/app/.env', facts: { secretName: '.env file' } }]]),
    errors: [[/^layer 0 \(sha256:0{64}\) holds secret-like file \/app\/.env \(.env file\), added by step: .*COPY file:abc in \/step0\.$/, '/app/.env']],
  },
  {
    name: 'deleted by a later whiteout: the layer still holds it',
    image: imageOf([[], [{ path: '/app/secret.txt', facts: { secretName: 'secret-named file', secretContent: ['PEM private key'] }, deletedBy: { layerIndex: 2, how: 'whiteout' } }], []]),
    errors: [[/^layer 1 \(sha256:1{64}\) holds secret-like file \/app\/secret.txt \(secret-named file; contains a PEM private key\), .* Layer 2 deletes it, but the layer still holds it/, '/app/secret.txt']],
  },
]);

table(secretInBuildArg, [
  { name: 'harmless args', image: imageOf([[]], ['|1 VERSION=1.2 /bin/sh -c make']), errors: [] },
  { name: 'ARG without a value', image: imageOf([[]], ['/bin/sh -c #(nop) ARG API_TOKEN']), errors: [] },
  {
    name: 'RUN with a recorded secret argument',
    image: imageOf([[]], ['|2 VERSION=1 API_TOKEN=abc123 /bin/sh -c make']),
    errors: [[/^History step 0 records build argument API_TOKEN with a value \(redacted, 6 characters\) in the image\.$/, undefined]],
  },
  {
    name: 'buildkit ARG with a default',
    image: imageOf([], ['ARG DB_PASSWORD=hunter2']),
    errors: [[/build argument DB_PASSWORD/, undefined]],
  },
]);

test('recordedArgs', () => {
  assert.deepEqual(recordedArgs('RUN |1 TOKEN=x /bin/sh -c true'), [{ name: 'TOKEN', value: 'x' }]);
  assert.deepEqual(recordedArgs('/bin/sh -c #(nop) ARG SECRET="a b"'), [{ name: 'SECRET', value: 'a b' }]);
  assert.deepEqual(recordedArgs('/bin/sh -c echo hi'), []);
});

test('every rule file is named after its id and has metadata', () => {
  for (const rule of rules) {
    assert.match(rule.id, /^[a-z]+(?:-[a-z]+)*$/);
    assert.ok(rule.rationale && rule.remedy && rule.references.length && Object.keys(rule.messages).length, rule.id);
  }
  assert.ok(layerDigest(3).startsWith('sha256:333'));
});
