import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatText } from '../../src/report/format-text.js';
import { sampleResult } from './sample-result.js';

test('text groups by file, aligns columns and indents remedies', () => {
  assert.equal(
    formatText(sampleResult()),
    [
      'Containerfile',
      '  Containerfile:3:1  medium  run-as-root  The final stage runs as root.',
      '    Add `USER 10001:10001`.',
      '    Or set it in the pod.',
      '    see Containerfile:1:1: base image sets no user',
      '',
      'deploy/web.yaml',
      '  deploy/web.yaml:9:21  critical  privileged-container  Privileged mode is on.',
      '    Remove privileged mode.',
      '',
      'errors',
      '  broken.yaml:3:7  parse  bad indentation of a mapping entry',
      '',
      '✖ 2 findings (1 critical, 0 high, 1 medium, 0 low) and 1 error in 3 files scanned',
      '',
    ].join('\n'),
  );
});

test('no colour unless asked; colour wraps severities in ANSI codes', () => {
  assert.ok(!formatText(sampleResult()).includes('\u001b['));
  const coloured = formatText(sampleResult(), { color: true });
  assert.ok(coloured.includes('\u001b[1;35mcritical\u001b[0m'));
  assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), formatText(sampleResult()));
});

test('remedies can be left out; a clean scan says so', () => {
  assert.ok(!formatText(sampleResult(), { remedies: false }).includes('Remove privileged mode.'));
  const clean = formatText({ findings: [], errors: [], rules: [], scanned: { files: 1 }, suppressed: 2, toolVersion: '0' });
  assert.equal(clean, '✔ no findings in 1 file scanned, 2 suppressed\n');
  const broken = formatText({ ...sampleResult(), findings: [] });
  assert.ok(broken.endsWith('✖ no findings and 1 error in 3 files scanned\n'));
});

test('a rule\'s remedy is printed once per file (all with verbose); lines wrap at the width without cutting words', () => {
  const base = sampleResult();
  const second = { ...base.findings[0]!, location: { ...base.findings[0]!.location, startLine: 12, endLine: 12 }, message: 'Privileged mode is on in the sidecar as well, which gives it every device of the host.' };
  const result = { ...base, findings: [...base.findings, second], errors: [] };
  const once = formatText(result).split('\n');
  assert.equal(once.filter((l) => l === '    Remove privileged mode.').length, 1);
  const all = formatText(result, { remedies: 'all' }).split('\n');
  assert.equal(all.filter((l) => l === '    Remove privileged mode.').length, 2);
  const narrow = formatText(result, { width: 60 });
  for (const line of narrow.split('\n')) assert.ok(line.length <= 60 || !line.includes(' ', 4), `over 60 columns: ${JSON.stringify(line)}`);
  // Words are whole: joining the wrapped lines gives the message back.
  const rows = narrow.split('\n');
  const at = rows.findIndex((l) => l.includes('Privileged mode is on in the'));
  const joined = [rows[at]!.slice(rows[at]!.indexOf('Privileged')), ...rows.slice(at + 1, at + 4).filter((l) => !l.startsWith('    Remove')).map((l) => l.trim())].join(' ');
  assert.ok(joined.startsWith(second.message), joined);
  // Unwrapped without a width (a pipe or a file).
  assert.ok(formatText(result).includes(second.message));
});
