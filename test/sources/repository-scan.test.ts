/**
 * A repository with a Compose file, a deploy script, Quadlet units and a README
 * with docker run examples: each file goes to its source by name or content, and
 * every workload is located in the file a user would edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sources } from '../../src/sources/index.js';
import { emptyModel } from '../../src/model/scan-model.js';
import type { ScanError } from '../../src/model/finding.js';
import { sourceFile } from '../../src/sources/source-file.js';

test('one scan of a repository reads all three kinds of input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-repo-'));
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    image: api:1\n    ports: ["8080:8080"]\n');
  writeFileSync(join(dir, 'deploy'), '#!/usr/bin/env bash\nsudo podman run -d --name db -p 5432:5432 postgres:16\n');
  writeFileSync(join(dir, 'web.container'), '[Container]\nImage=nginx:1.27\nPublishPort=80:80\n');
  writeFileSync(join(dir, 'README.md'), '# App\n\n```console\n$ docker run --rm -p 3000:3000 app:dev\n```\n');
  writeFileSync(join(dir, 'notes.txt'), 'podman run is mentioned here only\n');
  const model = emptyModel();
  const errors: ScanError[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    const source = sources.find((s) => s.matchesName(path)) ?? sources.find((s) => s.matchesContent(text, path));
    if (!source) continue;
    const src = sourceFile(path, text);
    model.files.set(path, src);
    source.parse(src, model, errors);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(
    model.workloads.map((w) => [w.input, w.kind, w.name, basename(w.file), w.loc.startLine, w.containers[0]!.ports[0]!.hostPort?.value]),
    [
      ['RUN', 'run', 'app:dev', 'README.md', 4, 3000],
      ['CMP', 'Service', 'api', 'compose.yaml', 2, 8080],
      ['RUN', 'run', 'db', 'deploy', 2, 5432],
      ['QL', 'Quadlet', 'web', 'web.container', 1, 80],
    ],
  );
});
