/**
 * YAML read as Kubernetes reads it. kubectl and the API server turn YAML into JSON
 * with sigs.k8s.io/yaml (go-yaml v2), after splitting a stream at `---` lines with
 * apimachinery's YAMLReader; test/tools/k8s-yaml is exactly that, built from the Go
 * module proxy. Every yaml-test-suite input and generated manifests go through it
 * and through seaworthy's reader for Kubernetes (`dialect: 'kubernetes'`): the
 * values must be identical, or both must reject. The differences that remain are
 * listed below, each with its reason; the test fails when the list stops being
 * true in either direction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseYaml } from '../../../src/sources/yaml/parse-yaml.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import { locAt } from '../../../src/sources/yaml/yaml-node.js';
import { needConformance } from '../../support/prerequisites.js';
import { k8sYamlTool, kubernetesReads } from '../../support/k8s-yaml.js';
import { agree, compareSuite, normalise, ours as oursIn, styled, suiteDir, type Difference } from '../../support/yaml-differential.js';

const ours = (text: string) => oursIn(text, 'kubernetes');

/** Cases whose reading differs from Kubernetes', by reason. */
const DIFFERENCES: Difference[] = [
  {
    reason:
      'invalid YAML (the suite marks it an error) that go-yaml v2 accepts leniently, often dropping text (BS4K loses "word2"); seaworthy reports it with its line, so the file says what is applied',
    cases: ['3HFZ', '4H7K', '9HCY', '9JBA', 'BS4K', 'CVW2', 'EB22', 'G5U8', 'HRE5', 'KS4U', 'RHX7', 'S98Z', 'SU5Z', 'U99R', 'X4QW', 'YJV2'],
  },
  {
    reason: "valid YAML with content on the `---` line (`--- |`, `--- text`): apimachinery's YAMLReader refuses it, so kubectl cannot apply the file; seaworthy still reads it",
    cases: ['27NA', '2G84-02', '2G84-03', '2XXW', '35KP', '4Q9F', '6FWR', '6JQW', '6LVF', '753E', '82AN', '93WF', '96L6', '9MQT-00', 'B3HG', 'C4HZ', 'DK3J', 'EXG3', 'FP8R', 'FTA2', 'J7PZ', 'K54U', 'KSS4', 'L383', 'T26H', 'T5N4', 'UGM3', 'W4TN'],
  },
  {
    reason: 'a null, sequence or mapping as a mapping key: JSON has only string keys, so sigs.k8s.io/yaml refuses the file; seaworthy reads it',
    cases: ['DFF7', 'FH7J', 'PW8X'],
  },
  {
    reason:
      'valid YAML 1.2 that go-yaml v2 (libyaml 0.1) cannot parse: tabs as separation, multi-line implicit keys in flow, `?` complex keys, anchors on empty nodes, %YAML 1.2 directives…; kubectl cannot apply it, seaworthy reads it',
    cases: [
      '2LFX', '2SXE', '3UYS', '4MUZ-00', '4MUZ-01', '4MUZ-02', '58MP', '5MUD', '5T43', '5TYM', '6BCT', '6CA3', '6CK3', '6M2F', '6ZKB', '8XYN', '96NN-00', '96NN-01',
      '9DXL', '9SA2', 'A2M4', 'BEC7', 'CC74', 'CFD4', 'DBG4', 'DK95-00', 'DK95-03', 'DK95-04', 'DK95-07', 'FRK4', 'HM87-00', 'HWV9', 'JR7V', 'K3WX', 'MUS6-02',
      'MUS6-03', 'MUS6-04', 'MUS6-05', 'MUS6-06', 'NHX8', 'NJ66', 'NKF9', 'P76L', 'Q5MG', 'QT73', 'R4YG', 'RTP8', 'S3PD', 'SM9W-01', 'U3C3', 'UKK6-00', 'UT92',
      'VJP3-01', 'W5VH', 'WZ62', 'Y79Y-001', 'Y79Y-010', 'Z9M4',
    ],
  },
  {
    reason:
      'an invalid flow mapping whose continuation lines sit at column 0 (the suite marks it an error): seaworthy re-indents continuation lines as it does for quoted scalars (which Kubernetes reads), go-yaml rejects this one',
    cases: ['VJP3-00'],
  },
  { reason: 'go-yaml v2 bug: in a flow mapping, `omitted value:,` becomes the key "omitted value:"', cases: ['4ABK'] },
  { reason: 'go-yaml v2 bug: `?foo` at the start of a flow key or entry is read as the complex-key indicator', cases: ['652Z', 'HM87-01'] },
  { reason: 'go-yaml v2 bug: an anchor name ends at `:` (`&an:chor value` is anchor "an", value ":chor value")', cases: ['Y2GN'] },
];


test('yaml-test-suite: seaworthy reads every case as Kubernetes does, but for the differences listed with their reasons', (t) => {
  const skip = needConformance('yaml-test-suite') ?? ('skip' in k8sYamlTool() ? 'go' : undefined);
  if (skip) return t.skip(skip);
  const tool = k8sYamlTool() as { bin: string };
  const { total, differing } = compareSuite((texts) => kubernetesReads(tool.bin, texts), 'kubernetes', DIFFERENCES, 'k8s');
  console.log(`# yaml-test-suite vs sigs.k8s.io/yaml: ${total - differing}/${total} cases read identically (or rejected by both); ${differing} listed differences`);
});

/** Concatenated JSON values (the suite's in.json holds one per document). */
function parseJsonStream(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) values.push(JSON.parse(text.slice(start, i + 1))), (start = -1);
      }
      continue;
    }
    if (/\s/.test(c)) {
      if (depth === 0 && start !== -1) values.push(JSON.parse(text.slice(start, i))), (start = -1);
      continue;
    }
    if (start === -1) start = i;
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) values.push(JSON.parse(text.slice(start, i + 1))), (start = -1);
    }
  }
  if (start !== -1) values.push(JSON.parse(text.slice(start)));
  return values;
}

test("yaml-test-suite: the suite's own counts for seaworthy's YAML layer", (t) => {
  const skip = needConformance('yaml-test-suite');
  if (skip) return t.skip(skip);
  const ids = readdirSync(suiteDir).sort();
  let valid = 0;
  let accepted = 0;
  let sameValues = 0;
  let invalid = 0;
  let rejected = 0;
  for (const id of ids) {
    const text = readFileSync(join(suiteDir, id, 'in.yaml'), 'utf8');
    let docs: unknown[] | undefined;
    try {
      docs = parseYaml(sourceFile('in.yaml', text)).map((d) => (d.value === undefined ? null : d.value));
    } catch {
      docs = undefined;
    }
    if (existsSync(join(suiteDir, id, 'error'))) {
      invalid++;
      if (!docs) rejected++;
    } else if (existsSync(join(suiteDir, id, 'in.json'))) {
      valid++;
      if (!docs) continue;
      accepted++;
      const expected = parseJsonStream(readFileSync(join(suiteDir, id, 'in.json'), 'utf8'));
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(docs)), expected)) sameValues++;
    }
  }
  console.log(`# yaml-test-suite (YAML 1.2 core reading): valid accepted ${accepted}/${valid} (values identical to in.json: ${sameValues}); invalid rejected ${rejected}/${invalid}`);
  assert.equal(valid, 279);
  assert.equal(invalid, 94);
  // Floors, not targets: js-yaml 5.5 alone accepts 262 and rejects 94; re-indenting
  // continuation lines (as Kubernetes reads them) accepts 5 inputs the suite calls invalid.
  assert.ok(accepted >= 262, `valid accepted ${accepted}`);
  assert.ok(rejected >= 89, `invalid rejected ${rejected}`);
});

// Generated manifests: the shapes real manifests take, with the scalars where YAML
// readers disagree most (YAML 1.1 booleans, Go integer syntax, timestamps, special
// floats) in every quoting style, and multi-line quoted values whose continuation
// lines sit at the key's indentation.
const TRICKY = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', 'TRUE', '~', 'null', 'Null', '0777', '0o17', '0x1F', '0X1f', '0b101', '1_000', '+12', '-0',
  '1e3', '1.5e-3', '.5', '1.', '08', '1:30', '190:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '9223372036854775808', '0.1_0', '-0x1F', '3.',
  '1e400', 'nginx:1.27', 'v1', '1.27', '65534', '0', 'RuntimeDefault', 'NET_RAW', '/var/run/docker.sock', 'a b', 'x-y_z.w',
];
const scalarArb = fc.oneof(fc.constantFrom(...TRICKY), fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/), fc.integer({ min: -70000, max: 70000 }).map(String));
const styleArb = fc.constantFrom('plain', 'single', 'double', 'double-multiline');

const containerArb = fc.record({
  name: scalarArb,
  image: scalarArb,
  privileged: scalarArb,
  runAsUser: scalarArb,
  command: fc.array(fc.tuple(scalarArb, styleArb), { maxLength: 3 }),
  styles: fc.array(styleArb, { minLength: 4, maxLength: 4 }),
  flow: fc.boolean(),
  comment: fc.boolean(),
  anchor: fc.boolean(),
});

type Container = typeof containerArb extends fc.Arbitrary<infer T> ? T : never;

function manifest(c: Container): string {
  const [s0, s1, s2, s3] = c.styles as [string, string, string, string];
  const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web' + (c.comment ? '  # generated' : ''), 'spec:'];
  if (c.anchor) lines.push('  securityContext: &sc', `    runAsUser: ${styled(c.runAsUser, s3, '    ')}`);
  lines.push('  containers:');
  lines.push(`  - name: ${styled(c.name, s0, '  ')}`, `    image: ${styled(c.image, s1, '    ')}`);
  if (c.flow) lines.push(`    securityContext: {privileged: ${JSON.stringify(c.privileged)}, runAsUser: ${styled(c.runAsUser, 'plain', '')}}`);
  else if (c.anchor) lines.push('    securityContext:', '      <<: *sc', `      privileged: ${styled(c.privileged, s2, '      ')}`);
  else lines.push('    securityContext:', `      privileged: ${styled(c.privileged, s2, '      ')}`, `      runAsUser: ${styled(c.runAsUser, s3, '      ')}`);
  if (c.command.length) {
    lines.push('    command:');
    for (const [value, style] of c.command) lines.push(`    - ${styled(value, style, '    ')}`);
  }
  return lines.join('\n') + '\n';
}

test('generated manifests: seaworthy reads every value as sigs.k8s.io/yaml does', (t) => {
  const tool = k8sYamlTool();
  if ('skip' in tool) return t.skip(tool.skip);
  // One Go run for a batch of samples, then the same property one case at a time
  // (so fast-check can shrink a failure to its smallest manifest).
  const samples = fc.sample(containerArb, { numRuns: 400, seed: 10 }).map(manifest);
  const theirs = kubernetesReads(tool.bin, samples).map(normalise);
  const disagreements = samples.filter((text, i) => !agree(ours(text), theirs[i]!));
  if (disagreements.length) {
    fc.assert(
      fc.property(containerArb, (c) => {
        const text = manifest(c);
        const [k] = kubernetesReads(tool.bin, [text]).map(normalise);
        assert.deepEqual(ours(text), k, text);
      }),
      { numRuns: 400, seed: 10 },
    );
  }
  assert.deepEqual(disagreements, []);
  const rejectedByBoth = theirs.filter((r) => 'error' in r).length;
  console.log(`# generated manifests: ${samples.length} read identically by seaworthy and sigs.k8s.io/yaml (${rejectedByBoth} rejected by both)`);
});

test('Kubernetes values the cluster sees: YAML 1.1 booleans, Go integers, continuation lines at the key, documents after `...`', () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: web}',
    'spec:',
    '  containers:',
    '  - name: app',
    '    image: nginx',
    '    command: ["sh", "-c", "echo one',
    '    two"]',
    '    args: ["a',
    'b"]',
    '    securityContext:',
    '      privileged: yes',
    '      runAsUser: 0777',
    '    env:',
    '    - name: X',
    '      value: "first',
    '      second"',
    '...',
    'kind: Ignored',
    '',
  ].join('\n');
  const docs = parseYaml(sourceFile('pod.yaml', text), { dialect: 'kubernetes' });
  assert.equal(docs.length, 1, 'kubectl reads only the first document before the next `---`');
  const c = (docs[0]!.value as { spec: { containers: Record<string, unknown>[] } }).spec.containers[0]!;
  assert.deepEqual(c['securityContext'], { privileged: true, runAsUser: 511 });
  assert.deepEqual(c['command'], ['sh', '-c', 'echo one two']);
  assert.deepEqual(c['args'], ['a b']);
  // Positions still point at the file as written, also after the re-indented lines.
  const node = docs[0]!.node!;
  const privileged = locAt(node, ['spec', 'containers', 0, 'securityContext', 'privileged']);
  assert.deepEqual([privileged?.startLine, privileged?.startColumn], [13, 19]);
  const args = locAt(node, ['spec', 'containers', 0, 'args', 0]);
  assert.deepEqual([args?.startLine, args?.startColumn, args?.endLine, args?.endColumn], [10, 12, 11, 3]);
});

test('the same file read as YAML 1.2 core (configuration files) keeps strings strings', () => {
  const docs = parseYaml(sourceFile('compose.yaml', 'services:\n  web:\n    privileged: yes\n    command: "a\n  b"\n'));
  assert.deepEqual(docs[0]!.value, { services: { web: { privileged: 'yes', command: 'a b' } } });
});
