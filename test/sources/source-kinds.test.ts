/**
 * The light source kinds a scan detects with (source-kinds.ts) are the sources of
 * index.ts without their parsers: same order, the very same matchers, and loading a
 * kind gives the source index.ts lists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sources } from '../../src/sources/index.js';
import { detectKind, sourceKinds } from '../../src/sources/source-kinds.js';
import { detectSource } from '../../src/scan/detect-source.js';

test('source kinds and sources: same order, the same matcher functions, load() gives the listed source', async () => {
  assert.deepEqual(
    sourceKinds.map((k) => [k.id, k.input]),
    sources.map((s) => [s.id, s.input]),
  );
  for (const [i, kind] of sourceKinds.entries()) {
    const source = sources[i]!;
    assert.equal(kind.matchesName, source.matchesName, `${kind.id} matchesName`);
    assert.equal(kind.mayContain, source.mayContain, `${kind.id} mayContain`);
    assert.equal(kind.matchesContent, source.matchesContent, `${kind.id} matchesContent`);
    assert.equal(await kind.load(), source, `${kind.id} load()`);
  }
});

test('detectKind picks what detectSource picks', async () => {
  const cases: [string, string][] = [
    ['Containerfile', 'FROM alpine\n'],
    ['deploy/app.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n'],
    ['compose.yaml', 'services:\n  web:\n    image: nginx\n'],
    ['stack.yml', 'services:\n  web:\n    image: nginx\n'],
    ['web.container', '[Container]\nImage=nginx\n'],
    ['doc.pod', '=head1 NAME\n'],
    ['run.sh', 'podman run nginx\n'],
    ['bin/start', '#!/bin/sh\ndocker run nginx\n'],
    ['notes.txt', 'FROM alpine\n'],
    ['<stdin>', '{"apiVersion":"v1","kind":"Pod"}'],
  ];
  for (const [path, text] of cases) {
    const kind = detectKind(path, text);
    const source = detectSource(path, text);
    assert.equal(kind?.id, source?.id, path);
    if (kind) assert.equal(await kind.load(), source, path);
  }
});
