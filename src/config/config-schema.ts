/**
 * The JSON Schema of `.seaworthy.yaml`, built from the same key lists and
 * patterns the loader uses, and written to schema/seaworthy-config.schema.json
 * by scripts/gen-docs.ts (a test fails when the file is stale). Editors use it
 * for completion: `# yaml-language-server: $schema=…/seaworthy-config.schema.json`.
 */
import { SEVERITIES } from '../model/severity.js';
import { META_RULE_IDS } from '../engine/meta-rules.js';
import { DATE_PATTERN, EXCEPTION_KEYS, POD_SECURITY_PATTERN } from './parse-config.js';
import { SIZE_PATTERN } from './parse-size.js';
import { DURATION_PATTERN } from '../scan/file-budget.js';
import type { CONFIG_KEYS } from './parse-config.js';
import { ADMISSION_MODES } from './admission-config.js';
import { NAMESPACE_LABEL_SOURCES } from './parse-admission-config.js';
import { FIX_QUANTITY_PATTERN } from './parse-fix-config.js';

const stringList = (description: string): object => ({ type: 'array', items: { type: 'string' }, description });

/**
 * The schema for a catalogue of rule ids (meta-rules are added).
 *
 * @example
 * writeFileSync('schema/seaworthy-config.schema.json', JSON.stringify(configSchema(rules.map((r) => r.id)), null, 2));
 */
export function configSchema(ruleIds: readonly string[]): Record<string, unknown> {
  const ids = [...new Set([...ruleIds, ...META_RULE_IDS])].sort();
  const properties: Record<(typeof CONFIG_KEYS)[number], object> = {
    rules: {
      type: 'object',
      description: "Per rule: 'off', a severity, or { severity, enabled, options }.",
      propertyNames: { $ref: '#/$defs/ruleId' },
      additionalProperties: { $ref: '#/$defs/ruleSetting' },
    },
    failOn: { enum: [...SEVERITIES, 'none'], description: 'Lowest severity that fails the scan (default low: any finding).' },
    trustedRegistries: stringList('Registry prefixes images must come from (untrusted-registry); short names are normalised (nginx is docker.io/library/nginx).'),
    dangerousCapabilities: stringList('Replaces the default set of dangerous capabilities (names without CAP_).'),
    dangerousCapabilitiesAdd: stringList('Added to the dangerous capability set.'),
    untrusted: {
      type: 'object',
      description: 'Workloads that must run in a sandboxed runtime (no-sandbox-runtime).',
      additionalProperties: false,
      properties: {
        namespaces: stringList('Namespaces whose workloads are untrusted.'),
        labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels that mark a workload untrusted.' },
      },
    },
    sandboxRuntimes: stringList('RuntimeClass / --runtime names that count as sandboxed.'),
    podSecurity: {
      type: 'string',
      pattern: POD_SECURITY_PATTERN,
      description: 'Pod Security Standard level to check, optionally with a version: baseline, restricted:v1.29, restricted:latest.',
    },
    maxFileSize: {
      oneOf: [
        { type: 'integer', minimum: 1 },
        { type: 'string', pattern: SIZE_PATTERN },
      ],
      description: "Files larger than this are skipped with an error: bytes or a size such as '10MiB'.",
    },
    foreignRealm: {
      enum: ['anonymous', 'refuse'],
      description: "seaworthy image: a registry's token realm on another host never gets credentials; 'anonymous' (default) asks it for a token without them, 'refuse' stops.",
    },
    maxFileTime: {
      oneOf: [
        { type: 'number', exclusiveMinimum: 0 },
        { type: 'string', pattern: DURATION_PATTERN },
      ],
      description: "Reading one file may take this long; past it the file is an error and the others are still read: seconds or a duration such as '10s' or '500ms' (default 10s).",
    },
    exclude: stringList('Globs of paths not to scan, relative to this file.'),
    exceptions: { type: 'array', items: { $ref: '#/$defs/exception' }, description: 'Accepted findings, each with a reason.' },
    admission: {
      type: 'object',
      additionalProperties: false,
      description: 'How `seaworthy serve` decides at admission: enforce (deny), warn, audit.',
      properties: {
        enforceOn: { enum: [...SEVERITIES, 'none'], description: 'Findings at or above this severity are denied (default high).' },
        warnOn: { enum: [...SEVERITIES, 'none'], description: 'Findings below enforceOn and at or above this are warnings; the rest are audited (default low).' },
        rules: { type: 'object', propertyNames: { $ref: '#/$defs/ruleId' }, additionalProperties: { $ref: '#/$defs/admissionMode' }, description: 'Mode per rule.' },
        namespaces: {
          type: 'object',
          description: 'Per namespace: a mode for every rule, modes per rule, and labels when they are not read from the API server.',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: {
              mode: { $ref: '#/$defs/admissionMode' },
              rules: { type: 'object', propertyNames: { $ref: '#/$defs/ruleId' }, additionalProperties: { $ref: '#/$defs/admissionMode' } },
              labels: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
        namespaceLabels: { enum: [...NAMESPACE_LABEL_SOURCES], description: 'Where namespace labels come from: auto (the API server when in a cluster), api, config.' },
        mutate: { type: 'array', items: { $ref: '#/$defs/ruleId' }, description: 'Rules whose safe defaults /mutate applies.' },
        mutateUid: { type: 'integer', minimum: 1, description: 'UID /mutate gives pods that set none (a pod whose images all have the same known numeric user, e.g. nginx-unprivileged, gets that one).' },
      },
    },
    fix: {
      type: 'object',
      additionalProperties: false,
      description: 'Values `seaworthy fix` writes; its command-line flags win.',
      properties: {
        uid: { type: 'integer', minimum: 1, description: 'User for containers that run as root (default 10001).' },
        gid: { type: 'integer', minimum: 1, description: 'Group given with it (default: the uid).' },
        cpuLimit: { oneOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string', pattern: FIX_QUANTITY_PATTERN }], description: "CPU limit for containers without one ('500m'); none by default." },
        memoryLimit: { type: 'string', pattern: FIX_QUANTITY_PATTERN, description: "Memory limit for containers without one ('256Mi'); none by default." },
        pidsLimit: { type: 'integer', minimum: 1, description: 'Process limit for Compose, run lines and Quadlet (default 100).' },
        tmpVolume: { type: 'boolean', description: 'With a read-only root, mount a memory-backed /tmp.' },
        tmpfsSize: { type: 'string', pattern: FIX_QUANTITY_PATTERN, description: "Size limit for memory-backed mounts (default '64Mi')." },
        bindAddress: { type: 'string', description: 'Address published ports are bound to; ports are left alone without it.' },
      },
    },
    signatures: {
      type: 'object',
      additionalProperties: false,
      description: 'Images that must be signed (image-not-signed), and the cosign keys or Notary trust store that verify them.',
      properties: {
        require: {
          type: 'array',
          description: 'The first entry whose images match an image applies.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['images'],
            anyOf: [{ required: ['keys'], properties: { keys: {} } }, { required: ['trustStore'], properties: { trustStore: {} } }],
            dependentRequired: { trustPolicy: ['trustStore'] },
            properties: {
              images: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }], description: "Registry prefixes ending in '/', repositories (registry/repo), or '*'." },
              keys: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'cosign public keys (PEM), relative to this file.' },
              trustStore: { type: 'string', description: 'Notary Project trust store directory (x509/ca/NAME/*.crt), relative to this file.' },
              trustPolicy: { type: 'string', description: 'Notary Project trust policy (trustpolicy.json), relative to this file.' },
            },
          },
        },
        cacheTtl: { type: 'integer', minimum: 0, description: 'Seconds `seaworthy serve` keeps a verdict by digest (default 300).' },
        mutateToDigest: { type: 'boolean', description: 'At admission, rewrite a verified tag reference to its digest.' },
      },
    },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'seaworthy configuration (.seaworthy.yaml)',
    type: 'object',
    additionalProperties: false,
    properties,
    $defs: {
      ruleId: { enum: ids },
      severity: { enum: [...SEVERITIES] },
      admissionMode: { enum: [...ADMISSION_MODES] },
      ruleSetting: {
        oneOf: [
          { const: 'off' },
          { $ref: '#/$defs/severity' },
          {
            type: 'object',
            additionalProperties: false,
            properties: { severity: { $ref: '#/$defs/severity' }, enabled: { type: 'boolean' }, options: {} },
          },
        ],
      },
      exception: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason'],
        properties: {
          rule: { oneOf: [{ $ref: '#/$defs/ruleId' }, { type: 'array', items: { $ref: '#/$defs/ruleId' }, minItems: 1 }] },
          paths: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'Globs relative to this file.' },
          resource: {
            type: 'object',
            additionalProperties: false,
            properties: { kind: { type: 'string' }, namespace: { type: 'string' }, name: { type: 'string' } },
          },
          advisories: {
            oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
            description: 'Advisory ids or CVE aliases this exception accepts (rule vulnerable-package).',
          },
          reason: { type: 'string', pattern: '\\S' },
          expires: { type: 'string', format: 'date', pattern: DATE_PATTERN, description: 'Last day the exception applies (YYYY-MM-DD, UTC).' },
        },
        propertyNames: { enum: [...EXCEPTION_KEYS] },
      },
    },
  };
}
