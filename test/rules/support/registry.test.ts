import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageReference } from '../../../src/model/image-reference.js';
import { isScratch, isTrusted, normalizeRegistryPrefix } from '../../../src/rules/support/registry.js';

const ref = (r: string) => parseImageReference(r)!;

test('prefix match after normalisation, on whole components', () => {
  assert.equal(isTrusted(ref('nginx:1'), ['docker.io/library']), true);
  assert.equal(isTrusted(ref('bitnami/nginx:1'), ['docker.io/library']), false);
  assert.equal(isTrusted(ref('registry.example.com/team/app:1'), ['registry.example.com']), true);
  assert.equal(isTrusted(ref('registry.example.com.evil.io/app:1'), ['registry.example.com']), false);
  assert.equal(isTrusted(ref('ghcr.io/acmeevil/app:1'), ['ghcr.io/acme']), false);
  assert.equal(isTrusted(ref('ghcr.io/acme/app:1'), ['ghcr.io/acme/']), true);
  assert.equal(isTrusted(ref('index.docker.io/library/nginx'), ['docker.io']), true);
  assert.equal(isTrusted(ref('nginx'), ['https://Index.Docker.io/library']), true);
});

test('helpers', () => {
  assert.equal(normalizeRegistryPrefix('Registry.Example.com/Team/'), 'registry.example.com/Team');
  assert.equal(isScratch(' SCRATCH '), true);
});
