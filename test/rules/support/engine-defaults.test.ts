import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_DEFAULTS, defaultsTable, engineDefault, enginesAdding } from '../../../src/rules/support/engine-defaults.js';
import tmpfsUnhardened from '../../../src/rules/tmpfs-unhardened.js';

test('engine defaults: each engine, and what every engine adds when the engine is unknown', () => {
  assert.deepEqual(engineDefault('tmpfsOptions', 'docker'), ['noexec', 'nosuid', 'nodev']);
  assert.deepEqual(engineDefault('tmpfsOptions', 'podman'), ['nosuid', 'nodev']);
  assert.deepEqual(engineDefault('tmpfsOptions', undefined), ['nosuid', 'nodev']);
  assert.deepEqual(enginesAdding('tmpfsOptions', 'noexec'), ['docker']);
  assert.deepEqual(enginesAdding('capabilities', 'NET_RAW'), ['docker']);
  assert.deepEqual(engineDefault('pidsLimit', undefined), []);
});

test('every row names a version and a source for both engines, and the rule details cite them', () => {
  for (const [key, row] of Object.entries(ENGINE_DEFAULTS)) {
    for (const engine of ['docker', 'podman'] as const) {
      assert.match(row[engine].version, /\d/, `${key} ${engine} version`);
      assert.ok(row[engine].source.length > 20, `${key} ${engine} source`);
    }
  }
  assert.ok(tmpfsUnhardened.details?.includes(defaultsTable(['tmpfsOptions'])));
  assert.match(tmpfsUnhardened.details ?? '', /moby daemon\/oci_linux\.go/);
});
