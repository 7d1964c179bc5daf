import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SECRET_BASENAMES } from '../../src/secrets/secret-file-names.js';
import { isSecretFile } from '../../src/rules/support/secret-files.js';
import { secretFileName } from '../../src/sources/image/secret-detect.js';

// A COPY source and a file in a layer are judged by one list of names.
test('Containerfile COPY sources and image layer files agree on credential file names', () => {
  const names = [...SECRET_BASENAMES.keys(), 'id_rsa', 'id_ed25519', '.env', '.env.production', 'app.kubeconfig', 'store.p12'];
  for (const name of names) {
    assert.equal(isSecretFile(`deploy/${name}`), true, `COPY deploy/${name}`);
    assert.ok(secretFileName(`/app/${name}`), `layer /app/${name}`);
  }
  for (const name of ['id_rsa.pub', '.env.example', 'README.md']) {
    assert.equal(isSecretFile(`deploy/${name}`), false, `COPY deploy/${name}`);
    assert.equal(secretFileName(`/app/${name}`), undefined, `layer /app/${name}`);
  }
  assert.equal(secretFileName('/root/.docker/config.json')?.kind, 'Docker credentials');
  assert.equal(isSecretFile('home/.docker/config.json'), true);
});
