/**
 * The three sources never throw on arbitrary input: whatever they cannot read
 * becomes a ScanError, and the scan goes on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sources } from '../../src/sources/index.js';
import { emptyModel } from '../../src/model/scan-model.js';
import { sourceFile } from '../../src/sources/source-file.js';
import type { ScanError } from '../../src/model/finding.js';
import type { SourceDefinition } from '../../src/sources/source.js';
import { parseRunArgs } from '../../src/sources/command-line/run-args.js';
import { parseShell } from '../../src/sources/command-line/shell-parse.js';

function byId(id: string): SourceDefinition {
  return sources.find((s) => s.id === id)!;
}

function parseQuietly(source: SourceDefinition, path: string, text: string): ScanError[] {
  const errors: ScanError[] = [];
  source.parse(sourceFile(path, text), emptyModel(), errors);
  for (const e of errors) {
    assert.equal(typeof e.message, 'string');
    assert.ok(e.line === undefined || e.line >= 1);
  }
  return errors;
}

/** Text made of the pieces these formats are made of, so inputs get past the first token. */
const pieces = (words: string[]) => fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((a) => a.join(''));

test('every source is registered with its input, content-detected YAML before scripts', () => {
  assert.deepEqual(sources.map((s) => [s.id, s.input]), [
    ['dockerfile', 'DF'],
    ['kubernetes', 'K8S'],
    ['compose', 'CMP'],
    ['quadlet', 'QL'],
    ['command-line', 'RUN'],
  ]);
});

test('run lines: arbitrary shell never throws', () => {
  const shell = pieces(['podman run ', 'docker create ', ' -itp ', ' --tmpfs ', '/tmp:size=1m', ' "', "'", '\\\n', ' $X', '${', '}', '$(', ')', ' --', '=', ' -e A', '\n', '; ', '|', '<<E\n', '#', '❯ ', 'é']);
  fc.assert(
    fc.property(shell, (text) => {
      parseQuietly(byId('command-line'), 'x.sh', text);
      parseQuietly(byId('command-line'), 'Makefile', `all:\n\t${text}`);
      parseQuietly(byId('command-line'), 'x.md', '```console\n$ ' + text + '\n```\n');
      parseQuietly(byId('command-line'), 'x.service', `[Service]\nExecStart=${text}`);
    }),
    { numRuns: 300 },
  );
});

test('run flags: arbitrary words never throw', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 12 }), (values) => {
      const words = values.map((value, i) => ({ value, raw: value, dynamic: value.includes('$'), start: i * 13, end: i * 13 + value.length }));
      parseRunArgs(words);
    }),
    { numRuns: 1000 },
  );
  fc.assert(fc.property(fc.string(), (text) => void parseShell(text)), { numRuns: 300 });
});

test('compose: arbitrary YAML-ish text never throws', () => {
  const yaml = pieces(['services:\n', '  web:\n', '    image: ', '    ports: [', ']', '\n      - ', '"', '${A:-b}', '${A:?x}', '$$', 'extends: ', '<<: *a', '&a ', '{', '}', ': ', '\n', '- ', 'volumes:', 'environment:', 'x=y', 'tmpfs: ']);
  fc.assert(
    fc.property(yaml, (text) => void parseQuietly(byId('compose'), 'compose.yaml', text)),
    { numRuns: 300 },
  );
});

test('quadlet: arbitrary unit text never throws', () => {
  const unit = pieces(['[Container]\n', '[Service]\n', '[Kube]\n', 'Image=', 'PodmanArgs=', 'Environment=', 'Volume=', 'PublishPort=', 'Tmpfs=', 'Secret=', '"', "'", '\\\n', '\n', '=', ' ', 'AddCapability=', 'Yaml=']);
  fc.assert(
    fc.property(unit, (text) => void parseQuietly(byId('quadlet'), 'x.container', text)),
    { numRuns: 300 },
  );
});
