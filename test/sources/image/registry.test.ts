/**
 * docker:// against a real registry (Debian's docker-registry on loopback): once
 * plain, once with TLS and htpasswd auth; images pushed there with skopeo.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeImage } from '../../../src/sources/image/analyze-image.js';
import { runRules } from '../../../src/engine/run-rules.js';
import { rules } from '../../../src/rules/index.js';
import { needPrograms } from '../../support/prerequisites.js';
import { createImageBuilds, run, type BuiltImages } from '../../support/image-builds.js';
import { startRegistry, type LocalRegistry } from '../../support/local-registry.js';
import { noSettings } from '../../support/rule-settings.js';

const skip = needPrograms('buildah', 'skopeo', 'busybox', 'docker-registry', 'openssl', 'htpasswd');
const fast = { timeoutMs: 5000, retries: 1, backoffMs: 50 };

describe('docker:// transport', { skip }, () => {
  let images: BuiltImages;
  let plain: LocalRegistry;
  let secure: LocalRegistry;
  let layout: string;

  before(async () => {
    images = createImageBuilds();
    images.build('insecure');
    layout = images.export('insecure', 'oci');
    plain = await startRegistry();
    secure = await startRegistry({ tls: true, auth: true });
    run('skopeo', ['copy', '-q', '--dest-tls-verify=false', layout, `docker://${plain.host}/team/insecure:test`]);
    run('skopeo', ['copy', '-q', '--dest-cert-dir', secure.certDir!, '--dest-creds', `${secure.user}:${secure.password}`, layout, `docker://${secure.host}/team/insecure:test`]);
  });
  after(async () => {
    await plain?.stop();
    await secure?.stop();
    images?.cleanup();
  });

  function secretFinding(model: Awaited<ReturnType<typeof analyzeImage>>['model']) {
    const findings = runRules(model, { rules, settings: noSettings }).filter((f) => f.ruleId === 'secret-file-in-image');
    assert.equal(findings.length, 1);
    return findings[0]!;
  }

  test('plain HTTP registry with --tls-verify=false', async () => {
    const ref = `docker://${plain.host}/team/insecure:test`;
    const { model, errors } = await analyzeImage(ref, { tlsVerify: false, ...fast });
    assert.deepEqual(errors, []);
    const f = secretFinding(model);
    assert.equal(f.resource?.layer, model.images[0]!.layers[2]!.digest);
    assert.match(f.message, /Layer 3 deletes it, but the layer still holds it/);
    assert.deepEqual(model.imageRefs.map((r) => r.ref.value), [`${plain.host}/team/insecure:test`]);
  });

  test('by digest', async () => {
    const first = await analyzeImage(`docker://${plain.host}/team/insecure:test`, { tlsVerify: false, ...fast });
    const digest = first.model.images[0]!.manifestDigest!;
    const { model, errors } = await analyzeImage(`docker://${plain.host}/team/insecure@${digest}`, { tlsVerify: false, ...fast });
    assert.deepEqual(errors, []);
    assert.equal(model.images[0]!.manifestDigest, digest);
  });

  test('TLS with a private CA and htpasswd auth from --authfile', async () => {
    const { model, errors } = await analyzeImage(`docker://${secure.host}/team/insecure:test`, { certDir: secure.certDir!, authfile: secure.authfile!, ...fast });
    assert.deepEqual(errors, []);
    secretFinding(model);
  });

  test('credentials from $REGISTRY_AUTH_FILE', async () => {
    const saved = process.env['REGISTRY_AUTH_FILE'];
    process.env['REGISTRY_AUTH_FILE'] = secure.authfile!;
    try {
      const { errors } = await analyzeImage(`docker://${secure.host}/team/insecure:test`, { certDir: secure.certDir!, ...fast });
      assert.deepEqual(errors, []);
    } finally {
      if (saved === undefined) delete process.env['REGISTRY_AUTH_FILE'];
      else process.env['REGISTRY_AUTH_FILE'] = saved;
    }
  });

  test('no credentials: 401 naming registry and repository', async () => {
    const { errors } = await analyzeImage(`docker://${secure.host}/team/insecure:test`, { certDir: secure.certDir!, authfile: '/dev/null/none', ...fast });
    assert.match(errors[0]!.message, /cannot read auth file/);
    const empty = images.dir + '/empty-auth.json';
    run('sh', ['-c', `echo '{"auths":{}}' > ${empty}`]);
    const r = await analyzeImage(`docker://${secure.host}/team/insecure:test`, { certDir: secure.certDir!, authfile: empty, ...fast });
    assert.match(r.errors[0]!.message, new RegExp(`registry ${secure.host}, repository team/insecure: 401 Unauthorized .*credentials are required`));
  });

  test('wrong password: 401 without printing it', async () => {
    const bad = images.dir + '/bad-auth.json';
    const secretPw = 'not-the-password-42';
    run('sh', ['-c', `echo '{"auths":{"${secure.host}":{"auth":"${Buffer.from(`${secure.user}:${secretPw}`).toString('base64')}"}}}' > ${bad}`]);
    const { errors } = await analyzeImage(`docker://${secure.host}/team/insecure:test`, { certDir: secure.certDir!, authfile: bad, ...fast });
    assert.match(errors[0]!.message, /401 Unauthorized .*credentials were refused/);
    assert.doesNotMatch(JSON.stringify(errors), new RegExp(secretPw));
  });

  test('TLS verification is on by default', async () => {
    const { errors } = await analyzeImage(`docker://${secure.host}/team/insecure:test`, { authfile: secure.authfile!, ...fast });
    assert.match(errors[0]!.message, /TLS verification of 127\.0\.0\.1:\d+ failed .*--cert-dir/);
  });

  test('unknown tag: 404', async () => {
    const { errors } = await analyzeImage(`docker://${plain.host}/team/insecure:missing`, { tlsVerify: false, ...fast });
    assert.match(errors[0]!.message, new RegExp(`registry ${plain.host}, repository team/insecure: 404 Not Found: manifest missing does not exist`));
  });
});
