/** A hand-built scan result shared by the reporter tests: two findings in two files, one error. */
import type { EngineFinding } from '../../src/engine/run-rules.js';
import type { ScanResult } from '../../src/report/scan-result.js';
import { defineRule } from '../../src/rules/rule.js';

export const privileged = defineRule({
  id: 'privileged-container',
  title: 'Container runs privileged',
  severity: 'critical',
  inputs: ['K8S', 'CMP'],
  rationale: 'A privileged container can do almost anything the host can.',
  remedy: 'Remove privileged mode.',
  references: [{ title: 'CIS Docker 5.4', url: 'https://example.org/cis#5.4' }, { title: 'Pod Security Standards: Baseline' }],
  messages: { on: 'Privileged mode is on.' },
  check: () => {},
});

export const rootUser = defineRule({
  id: 'run-as-root',
  title: 'Container runs as root',
  severity: 'high',
  inputs: ['DF'],
  rationale: 'Root in the container is root on the host after an escape.',
  remedy: 'Add `USER 10001:10001`.',
  references: [],
  messages: { root: 'The final stage runs as {{user}}.' },
  check: () => {},
});

const k8sFinding: EngineFinding = {
  ruleId: 'privileged-container',
  severity: 'critical',
  message: 'Privileged mode is on.',
  location: { file: 'deploy/web.yaml', startLine: 9, startColumn: 21, endLine: 9, endColumn: 25 },
  resource: { kind: 'Deployment', namespace: 'shop', name: 'web', container: 'app' },
  remedy: 'Remove privileged mode.',
  targetAnnotations: { 'internal/should-not-leak': 'x' },
};

const dfFinding: EngineFinding = {
  ruleId: 'run-as-root',
  severity: 'medium',
  message: 'The final stage runs as root.',
  location: { file: 'Containerfile', startLine: 3, startColumn: 1, endLine: 3, endColumn: 10 },
  remedy: 'Add `USER 10001:10001`.\nOr set it in the pod.',
  related: [{ message: 'base image sets no user', location: { file: 'Containerfile', startLine: 1, startColumn: 1, endLine: 1, endColumn: 17 } }],
};

/** Findings deliberately out of order: every format sorts. */
export function sampleResult(): ScanResult {
  return {
    findings: [k8sFinding, dfFinding],
    errors: [{ file: 'broken.yaml', line: 3, column: 7, message: 'bad indentation of a mapping entry', code: 'parse' }],
    rules: [privileged, rootUser],
    scanned: { files: 3 },
    toolVersion: '0.1.0',
  };
}
