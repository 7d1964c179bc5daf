import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { artifactLocation, formatSarif, toSarifLog } from '../../src/report/format-sarif.js';
import type { ScanResult } from '../../src/report/scan-result.js';
import { sampleResult } from './sample-result.js';

// The OASIS SARIF 2.1.0 schema (rtm.5, draft-04) as shipped in an npm package.
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  // CommonJS packages: under NodeNext their class is the `default` property.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

test('the SARIF log validates against the SARIF 2.1.0 schema', () => {
  const validate = validator();
  const log = JSON.parse(formatSarif(sampleResult(), { baseDir: '/src/project' })) as unknown;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const empty = JSON.parse(formatSarif({ findings: [], errors: [], rules: [], scanned: { files: 0 }, toolVersion: '0.1.0' })) as unknown;
  assert.ok(validate(empty), JSON.stringify(validate.errors, null, 2));
  // The validator is live: a level SARIF does not know is refused.
  const broken = toSarifLog(sampleResult()) as unknown as { runs: { results: { level: string }[] }[] };
  broken.runs[0]!.results[0]!.level = 'critical';
  assert.equal(validate(broken), false);
});

test('rules carry GitHub metadata and results point at them', () => {
  const log = toSarifLog(sampleResult());
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0]!;
  const driver = run.tool.driver;
  assert.equal(driver.name, 'seaworthy');
  assert.equal(driver.version, '0.1.0');
  assert.deepEqual(driver.rules![0], {
    id: 'privileged-container',
    name: 'PrivilegedContainer',
    shortDescription: { text: 'Container runs privileged' },
    fullDescription: { text: 'A privileged container can do almost anything the host can.' },
    help: {
      text:
        'A privileged container can do almost anything the host can.\n\nRemedy: Remove privileged mode.\n\n' +
        'References:\n- CIS Docker 5.4 (https://example.org/cis#5.4)\n- Pod Security Standards: Baseline',
      markdown:
        '**Container runs privileged**\n\nA privileged container can do almost anything the host can.\n\n**Remedy:** Remove privileged mode.\n\n' +
        '**References:**\n\n- [CIS Docker 5.4](https://example.org/cis#5.4)\n- Pod Security Standards: Baseline',
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'containers', 'kubernetes', 'compose'], 'security-severity': '9.5' },
  });
  const [df, k8s] = run.results!;
  assert.deepEqual(df!.locations, [
    {
      physicalLocation: {
        artifactLocation: { uri: 'Containerfile', uriBaseId: '%SRCROOT%' },
        region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 10 },
      },
    },
  ]);
  assert.equal(df!.ruleIndex, 1);
  assert.equal(df!.level, 'warning'); // the finding's severity (configured), not the rule default
  assert.equal(k8s!.ruleId, 'privileged-container');
  assert.equal(k8s!.ruleIndex, 0);
  assert.equal(k8s!.level, 'error');
  assert.deepEqual(k8s!.locations![0]!.logicalLocations, [{ name: 'app', fullyQualifiedName: 'Deployment/shop/web/app', kind: 'member' }]);
  assert.equal(df!.relatedLocations![0]!.physicalLocation!.region!.startLine, 1);
  assert.equal(run.invocations![0]!.toolExecutionNotifications![0]!.message.text, 'bad indentation of a mapping entry');
});

test('fingerprints survive lines added above and tell identical findings apart', () => {
  const before = sampleResult();
  const shifted: ScanResult = {
    ...before,
    findings: before.findings.map((f) => ({ ...f, location: { ...f.location, startLine: f.location.startLine + 5, endLine: f.location.endLine + 5 } })),
  };
  const prints = (r: ScanResult) => toSarifLog(r).runs[0]!.results!.map((x) => x.partialFingerprints!['primaryLocationLineHash']);
  assert.deepEqual(prints(shifted), prints(before));
  assert.match(prints(before)[0]!, /^[0-9a-f]{16}:1$/);

  const twice: ScanResult = { ...before, findings: [before.findings[1]!, { ...before.findings[1]!, location: { ...before.findings[1]!.location, startLine: 20, endLine: 20 } }] };
  const [a, b] = prints(twice);
  assert.equal(a!.split(':')[0], b!.split(':')[0]);
  assert.deepEqual([a!.split(':')[1], b!.split(':')[1]], ['1', '2']);
});

test('a finding of a rule missing from the catalogue still gets a descriptor', () => {
  const r = sampleResult();
  r.findings.push({ ...r.findings[0]!, ruleId: 'made-up-rule' });
  const run = toSarifLog(r).runs[0]!;
  const result = run.results!.find((x) => x.ruleId === 'made-up-rule')!;
  assert.equal(run.tool.driver.rules![result.ruleIndex!]!.id, 'made-up-rule');
});

test('paths become relative forward-slash URIs against %SRCROOT%', () => {
  assert.deepEqual(artifactLocation('./k8s\\app dir/pod#1.yaml'), { uri: 'k8s/app%20dir/pod%231.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactLocation('/src/project/k8s/pod.yaml', { baseDir: '/src/project/' }), { uri: 'k8s/pod.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactLocation('/etc/pod.yaml', { baseDir: '/src/project' }), { uri: 'file:///etc/pod.yaml' });
  assert.deepEqual(artifactLocation('C:\\work\\pod.yaml'), { uri: 'file:///C:/work/pod.yaml' });
  assert.deepEqual(toSarifLog(sampleResult(), { baseDir: '/src/project' }).runs[0]!.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///src/project/' } });
});

test('the CLI golden SARIF, with an accepted finding, validates against the schema', () => {
  const validate = validator();
  const log = JSON.parse(readFileSync(new URL('../../../test/cli/golden/scan.sarif', import.meta.url), 'utf8')) as { runs: { results: { suppressions?: { kind: string; justification?: string }[] }[] }[] };
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const accepted = log.runs[0]!.results.filter((r) => r.suppressions);
  assert.equal(accepted.length, 1);
  assert.deepEqual(accepted[0]!.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'node debugging pod, deleted after use' }]);
});
