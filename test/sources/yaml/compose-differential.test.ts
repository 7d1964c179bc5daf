/**
 * Compose files read as Compose reads them. compose-go (the loader of `docker
 * compose` and podman-compose's Go peers) decodes each document with go-yaml v3
 * (go.yaml.in/yaml/v3); test/tools/k8s-yaml's `-compose` mode is exactly that,
 * built from the Go module proxy. Every yaml-test-suite input and generated
 * Compose files go through it and through seaworthy's reader for Compose
 * (`dialect: 'compose'`): the values must be identical, or both must reject. The
 * differences that remain are listed with their reasons; the test fails when the
 * list stops being true in either direction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseYaml } from '../../../src/sources/yaml/parse-yaml.js';
import { sourceFile } from '../../../src/sources/source-file.js';
import { composeSource } from '../../../src/sources/compose/compose-source.js';
import { scanText } from '../../support/scan-source.js';
import { needConformance } from '../../support/prerequisites.js';
import { composeReads, k8sYamlTool } from '../../support/k8s-yaml.js';
import { agree, compareSuite, normalise, ours as oursIn, styled, type Difference } from '../../support/yaml-differential.js';

const ours = (text: string) => oursIn(text, 'compose');

/** Cases whose reading differs from go-yaml v3's, by reason. */
const DIFFERENCES: Difference[] = [
  {
    reason:
      'invalid YAML (the suite marks it an error) that go-yaml v3 accepts leniently, often dropping text (9HCY keeps a second document after a bare one); seaworthy reports it with its line, so the file says what is applied',
    cases: ['9HCY', '9JBA', 'CVW2', 'G5U8', 'HRE5', 'MUS6-00', 'S98Z', 'SU5Z', 'U99R', 'X4QW', 'YJV2'],
  },
  {
    reason:
      'valid YAML 1.2 that go-yaml v3 cannot parse: tabs as separation, multi-line implicit keys in flow, `?` complex keys, empty keys, anchors on empty nodes, directives other than %YAML/%TAG, a bare document after `...`; Compose cannot load it, seaworthy reads it',
    cases: [
      '27NA', '2LFX', '2SXE', '3UYS', '4MUZ-00', '4MUZ-01', '4MUZ-02', '58MP', '5MUD', '5T43', '6BCT', '6CA3', '6LVF', '6M2F', '6ZKB', '7Z25', '8XYN', '96NN-00', '96NN-01',
      '9DXL', '9SA2', 'A2M4', 'BEC7', 'CFD4', 'DBG4', 'DK3J', 'DK95-00', 'DK95-03', 'DK95-04', 'DK95-07', 'FP8R', 'FRK4', 'HM87-00', 'HWV9', 'JR7V', 'K3WX', 'M7A3',
      'MUS6-05', 'MUS6-06', 'NHX8', 'NJ66', 'NKF9', 'Q5MG', 'QT73', 'R4YG', 'RTP8', 'S3PD', 'SM9W-01', 'UKK6-00', 'UT92', 'VJP3-01', 'W4TN', 'W5VH', 'WZ62', 'Y79Y-001',
      'Y79Y-010',
    ],
  },
  {
    reason: 'a null, sequence or mapping as a mapping key: no JSON (and no Compose) spelling, so the helper refuses the file; seaworthy reads it and finds no service there',
    cases: ['DFF7', 'FH7J', 'PW8X'],
  },
  {
    reason:
      'an invalid flow mapping whose continuation lines sit at column 0 (the suite marks it an error): seaworthy re-indents continuation lines as it does for quoted scalars (which go-yaml reads), go-yaml rejects this one',
    cases: ['VJP3-00'],
  },
  {
    reason:
      'go-yaml v3 turns an unquoted date into a Go time.Time (2001-01-23 becomes "2001-01-23T00:00:00Z" in JSON); seaworthy keeps the text as written: no Compose field seaworthy judges holds a date',
    cases: ['UGM3'],
  },
  { reason: 'go-yaml v3 resolves a scalar with the non-specific tag `!` as if untagged (`! 12` is the number 12); YAML says it is the string "12"', cases: ['S4JQ'] },
  {
    reason: "go-yaml v3 bugs in a block scalar's trailing lines: a kept empty line dropped (JEF9-02, L24T-01) and a document holding only an empty block scalar read as no document (UKK6-02)",
    cases: ['JEF9-02', 'L24T-01', 'UKK6-02'],
  },
  { reason: 'go-yaml bug: in a flow mapping, `omitted value:,` becomes the key "omitted value:"', cases: ['4ABK'] },
  { reason: 'go-yaml bug: `?foo` at the start of a flow key or entry is read as the complex-key indicator', cases: ['652Z', 'HM87-01'] },
  { reason: 'go-yaml bug: an anchor name ends at `:` (`&an:chor value` is anchor "an", value ":chor value")', cases: ['Y2GN'] },
];

test('yaml-test-suite: seaworthy reads every case as go-yaml v3 (Compose) does, but for the differences listed with their reasons', (t) => {
  const skip = needConformance('yaml-test-suite') ?? ('skip' in k8sYamlTool() ? 'go' : undefined);
  if (skip) return t.skip(skip);
  const tool = k8sYamlTool() as { bin: string };
  const { total, differing } = compareSuite((texts) => composeReads(tool.bin, texts), 'compose', DIFFERENCES, 'go-yaml v3');
  console.log(`# yaml-test-suite vs go-yaml v3 (Compose): ${total - differing}/${total} cases read identically (or rejected by both); ${differing} listed differences`);
});

// Generated Compose files: the shapes real ones take (extension fields with anchors
// and merge keys, lists and mappings, secrets with file modes), with the scalars where
// YAML 1.1, YAML 1.2 and Go disagree most, in every quoting style, and multi-line
// quoted values whose continuation lines sit at the key's indentation.
const TRICKY = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', 'TRUE', '~', 'null', 'Null', '0777', '0755', '0440', '0o17', '0x1F', '0X1f', '0b101', '1_000', '+12', '-0',
  '1e3', '1.5e-3', '.5', '1.', '08', '1:30', '190:20:30', '9223372036854775808', '0.1_0', '-0x1F', '3.', '1e400', 'nginx:1.27', 'v1', '1.27', '65534', '0',
  '8080:80', '127.0.0.1:5432:5432', './data:/data:ro', '/var/run/docker.sock:/var/run/docker.sock', 'NET_ADMIN', 'ALL', 'no-new-privileges:true', 'a b', '${TAG:-latest}',
];
const scalarArb = fc.oneof(fc.constantFrom(...TRICKY), fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/), fc.integer({ min: -70000, max: 70000 }).map(String));
const styleArb = fc.constantFrom('plain', 'single', 'double', 'double-multiline');

const valueArb = fc.tuple(scalarArb, styleArb);
const serviceArb = fc.record({
  image: valueArb,
  privileged: valueArb,
  readOnly: valueArb,
  user: valueArb,
  capAdd: fc.array(valueArb, { maxLength: 3 }),
  ports: fc.array(valueArb, { maxLength: 2 }),
  volumes: fc.array(valueArb, { maxLength: 2 }),
  env: fc.array(fc.tuple(fc.constantFrom('DEBUG', 'MODE', 'PORT', 'TZ'), valueArb), { maxLength: 3 }),
  secretMode: valueArb,
  flowEnv: fc.boolean(),
  merge: fc.boolean(),
  comment: fc.boolean(),
});

type Service = typeof serviceArb extends fc.Arbitrary<infer T> ? T : never;

function composeFile(s: Service): string {
  const v = ([value, style]: [string, string], indent: string): string => styled(value, style, indent);
  const lines: string[] = [];
  if (s.merge) lines.push('x-defaults: &defaults', `  read_only: ${v(s.readOnly, '  ')}`, `  user: ${v(s.user, '  ')}`);
  lines.push('services:', '  web:' + (s.comment ? '  # generated' : ''));
  if (s.merge) lines.push('    <<: *defaults');
  lines.push(`    image: ${v(s.image, '    ')}`, `    privileged: ${v(s.privileged, '    ')}`);
  if (!s.merge) lines.push(`    read_only: ${v(s.readOnly, '    ')}`, `    user: ${v(s.user, '    ')}`);
  if (s.capAdd.length) lines.push('    cap_add:', ...s.capAdd.map((c) => `      - ${v(c, '      ')}`));
  if (s.ports.length) lines.push('    ports:', ...s.ports.map((p) => `      - ${v(p, '      ')}`));
  if (s.volumes.length) lines.push('    volumes:', ...s.volumes.map((p) => `      - ${v(p, '      ')}`));
  if (s.env.length) {
    const unique = [...new Map(s.env).entries()];
    if (s.flowEnv) lines.push(`    environment: {${unique.map(([k, [value]]) => `${k}: ${JSON.stringify(value)}`).join(', ')}}`);
    else lines.push('    environment:', ...unique.map(([k, value]) => `      ${k}: ${v(value, '      ')}`));
  }
  lines.push('    secrets:', '      - source: token', `        mode: ${v(s.secretMode, '        ')}`);
  lines.push('secrets:', '  token:', '    file: ./token.txt');
  return lines.join('\n') + '\n';
}

test('generated Compose files: seaworthy reads every value as go-yaml v3 does', (t) => {
  const tool = k8sYamlTool();
  if ('skip' in tool) return t.skip(tool.skip);
  const samples = fc.sample(serviceArb, { numRuns: 400, seed: 10 }).map(composeFile);
  const theirs = composeReads(tool.bin, samples).map(normalise);
  const disagreements = samples.filter((text, i) => !agree(ours(text), theirs[i]!));
  if (disagreements.length) {
    // The same property one case at a time, so fast-check shrinks a failure to its smallest file.
    fc.assert(
      fc.property(serviceArb, (s) => {
        const text = composeFile(s);
        const [k] = composeReads(tool.bin, [text]).map(normalise);
        assert.deepEqual(ours(text), k, text);
      }),
      { numRuns: 400, seed: 10 },
    );
  }
  assert.deepEqual(disagreements, []);
  const rejectedByBoth = theirs.filter((r) => 'error' in r).length;
  console.log(`# generated Compose files: ${samples.length} read identically by seaworthy and go-yaml v3 (${rejectedByBoth} rejected by both)`);
});

test('Compose values as compose-go sees them: 0440 is octal, yes stays a string until a boolean field casts it', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    privileged: yes',
    '    labels:',
    '      enabled: yes',
    '      octal: 0755',
    '    secrets:',
    '      - source: token',
    '        mode: 0440',
    'secrets:',
    '  token:',
    '    file: ./token.txt',
    '',
  ].join('\n');
  const [doc] = parseYaml(sourceFile('compose.yaml', text), { dialect: 'compose' });
  const web = (doc!.value as { services: { web: Record<string, unknown> } }).services.web;
  assert.deepEqual(web['labels'], { enabled: 'yes', octal: 493 });
  assert.deepEqual(web['secrets'], [{ source: 'token', mode: 288 }]);
  // compose-go casts `yes` for boolean fields (with a warning): the service is privileged.
  const { containers, errors } = scanText(composeSource, 'compose.yaml', text);
  assert.deepEqual(errors, []);
  assert.equal(containers[0]?.privileged?.value, true);
});
