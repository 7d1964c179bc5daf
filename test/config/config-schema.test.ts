import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { parseConfig } from '../../src/config/parse-config.js';
import { parseYaml } from '../../src/sources/yaml/parse-yaml.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { rules } from '../../src/rules/index.js';
import { repoRoot } from '../support/prerequisites.js';

// The published schema, checked against the generator by test/scripts/gen-docs.test.ts.
const schema = JSON.parse(readFileSync(resolve(repoRoot, 'schema/seaworthy-config.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
ajvFormats.default(ajv); // `format: date`, as editors check it
const validate = ajv.compile(schema);
const known = rules.map((r) => r.id);

const loaderErrors = (text: string) => parseConfig(sourceFile('.seaworthy.yaml', text), known).errors;
const schemaAccepts = (text: string): boolean => validate(parseYaml(sourceFile('.seaworthy.yaml', text))[0]!.value);

const VALID: Record<string, string> = {
  'every key': `rules:
  unused-suppression: off
  expired-exception: high
  suppression-without-reason: { severity: low, enabled: true, options: { any: [thing] } }
failOn: none
trustedRegistries: [ghcr.io/acme/]
dangerousCapabilities: [SYS_ADMIN]
dangerousCapabilitiesAdd: [CAP_SYSLOG]
untrusted: { namespaces: [sandbox], labels: { trust: low } }
sandboxRuntimes: [gvisor, kata]
podSecurity: restricted:v1.29
maxFileSize: 10MiB
exclude: ["vendor/**"]
exceptions:
  - rule: unused-suppression
    paths: legacy/**
    reason: migrating
    expires: "2027-01-31"
  - rule: [expired-exception]
    resource: { kind: Deployment, namespace: ops, name: agent }
    reason: accepted by the security team
`,
  'a size in bytes': 'maxFileSize: 1048576\n',
  'a bare level': 'podSecurity: baseline\n',
  'an empty rules map': 'rules: {}\n',
  'signatures': 'signatures:\n  require:\n    - images: [registry.example/team/, "*"]\n      keys: [cosign.pub]\n    - images: registry.example/vendor/app\n      trustStore: notation/truststore\n      trustPolicy: notation/trustpolicy.json\n  cacheTtl: 60\n  mutateToDigest: true\n',
};

const INVALID: Record<string, string> = {
  'a misspelled key': 'trustedRegistry: [ghcr.io/]\n',
  'a misspelled rule id': 'rules:\n  unused-supression: off\n',
  'a misspelled severity': 'rules:\n  unused-suppression: hihg\n',
  'an unknown long-form key': 'rules:\n  unused-suppression: { severty: low }\n',
  'a wrong failOn': 'failOn: always\n',
  'an exception without reason': 'exceptions:\n  - rule: unused-suppression\n    paths: [a]\n',
  'an exception with an empty reason': 'exceptions:\n  - rule: unused-suppression\n    reason: " "\n',
  'an exception with a misspelled rule': 'exceptions:\n  - rule: unused-supression\n    reason: r\n',
  'an exception with an unknown key': 'exceptions:\n  - rule: unused-suppression\n    reason: r\n    path: [a]\n',
  'an exception resource with an unknown key': 'exceptions:\n  - rule: unused-suppression\n    reason: r\n    resource: { kinds: Pod }\n',
  'an expiry that is not a date': 'exceptions:\n  - rule: unused-suppression\n    reason: r\n    expires: next year\n',
  'a day that does not exist': 'exceptions:\n  - rule: unused-suppression\n    reason: r\n    expires: "2026-02-30"\n',
  'a bad pod security level': 'podSecurity: strict\n',
  'a bad size': 'maxFileSize: big\n',
  'a mapping for a list': 'exclude: { a: b }\n',
  'an unknown untrusted key': 'untrusted: { namespace: [x] }\n',
  'a misspelled signatures key': 'signatures:\n  requires: []\n',
  'a signature requirement without images': 'signatures:\n  require:\n    - keys: [k.pub]\n',
  'a signature requirement with nothing to verify with': 'signatures:\n  require:\n    - images: "*"\n',
  'a trust policy without a trust store': 'signatures:\n  require:\n    - images: "*"\n      keys: [k.pub]\n      trustPolicy: p.json\n',
  'a negative cache TTL': 'signatures:\n  cacheTtl: -1\n',
};

for (const [name, text] of Object.entries(VALID)) {
  test(`loader and schema both accept ${name}`, () => {
    assert.deepEqual(loaderErrors(text), []);
    assert.ok(schemaAccepts(text), JSON.stringify(validate.errors));
  });
}

for (const [name, text] of Object.entries(INVALID)) {
  test(`loader and schema both reject ${name}`, () => {
    assert.notDeepEqual(loaderErrors(text), [], 'the loader accepted it');
    assert.equal(schemaAccepts(text), false, 'the schema accepted it');
  });
}
