import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretFile } from '../../../src/rules/support/secret-files.js';

test('secret-like files', () => {
  for (const p of ['server.key', 'certs/tls.pem', 'private.pem', 'id_rsa', '/root/.ssh/id_ed25519', '.ssh/', '.env', '.env.production', 'secret.txt', 'app-secrets.yaml', 'credentials.json', '.npmrc', '.netrc', '.git-credentials', 'kubeconfig', 'prod.kubeconfig', '.kube/config', '.aws/credentials', 'home/.docker/config.json', 'keystore.jks', 'cert.p12']) {
    assert.equal(isSecretFile(p), true, p);
  }
});

test('files that only look close', () => {
  for (const p of ['id_rsa.pub', '.env.example', '.env.sample', 'ca.pem', 'fullchain.pem', 'cert.pem', 'app.py', 'config.json', 'package.json', '.', 'src/', 'keys.txt', 'monkey.js', 'nodesource-repo.gpg.key', 'docker-archive-keyring.key', 'release.key']) {
    assert.equal(isSecretFile(p), false, p);
  }
});
