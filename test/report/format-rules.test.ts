import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRules } from '../../src/report/format-rules.js';
import { privileged, rootUser } from './sample-result.js';

const catalogue = [rootUser, { ...privileged, defaultOff: true }];

test('text lists the catalogue sorted by id, in aligned columns', () => {
  assert.equal(
    formatRules(catalogue, 'text'),
    [
      'ID                    SEVERITY        INPUTS   TITLE',
      'privileged-container  critical (off)  K8S CMP  Container runs privileged',
      'run-as-root           high            DF       Container runs as root',
      '',
      '2 rules',
      '',
    ].join('\n'),
  );
});

test('JSON is the metadata without the check', () => {
  const rules = JSON.parse(formatRules(catalogue, 'json')) as Record<string, unknown>[];
  assert.deepEqual(rules[1], {
    id: 'run-as-root',
    title: 'Container runs as root',
    severity: 'high',
    inputs: ['DF'],
    defaultOff: false,
    rationale: 'Root in the container is root on the host after an escape.',
    remedy: 'Add `USER 10001:10001`.',
    references: [],
    messages: { root: 'The final stage runs as {{user}}.' },
  });
  assert.equal(rules[0]!['id'], 'privileged-container');
});

test('Markdown has a table of contents and a section per rule', () => {
  const md = formatRules(catalogue, 'markdown');
  assert.ok(md.startsWith('# Rule catalogue\n'));
  assert.ok(md.includes('| [`privileged-container`](#privileged-container) | critical (off) | K8S CMP | Container runs privileged |\n'));
  assert.ok(md.includes('| [`run-as-root`](#run-as-root) | high | DF | Container runs as root |\n'));
  const section = md.slice(md.indexOf('## privileged-container'), md.indexOf('## run-as-root'));
  assert.equal(
    section,
    [
      '## privileged-container',
      '',
      '**Container runs privileged** · severity **critical** · inputs: K8S CMP',
      '',
      'Off by default: switch it on in `.seaworthy.yaml`.',
      '',
      '### Why',
      '',
      'A privileged container can do almost anything the host can.',
      '',
      '### Remedy',
      '',
      'Remove privileged mode.',
      '',
      '### References',
      '',
      '- [CIS Docker 5.4](https://example.org/cis#5.4)',
      '- Pod Security Standards: Baseline',
      '',
      '### Messages',
      '',
      '- `on`: Privileged mode is on.',
      '',
      '',
    ].join('\n'),
  );
});
