import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageReference } from '../../src/model/image-reference.js';

test('short names normalise like the container tools', () => {
  const cases: [string, string][] = [
    ['nginx', 'docker.io/library/nginx'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['quay.io/prometheus/node-exporter:v1.8.0', 'quay.io/prometheus/node-exporter:v1.8.0'],
    ['localhost/app', 'localhost/app'],
    ['localhost:5000/app:2', 'localhost:5000/app:2'],
    ['index.docker.io/library/alpine:3', 'docker.io/library/alpine:3'],
    ['registry-1.docker.io/library/alpine:3', 'docker.io/library/alpine:3'],
    ['alpine@sha256:abc', 'docker.io/library/alpine@sha256:abc'],
  ];
  for (const [ref, want] of cases) assert.equal(parseImageReference(ref)?.normalized, want, ref);
  assert.equal(parseImageReference('localhost:5000/app:2')?.tag, '2');
  assert.equal(parseImageReference('${IMAGE}'), undefined);
});
