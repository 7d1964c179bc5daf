/**
 * ESLint-style table tests for rules: valid and invalid inputs of each kind, with
 * the expected line and column of every finding. Inputs go through the real
 * sources, so a rule test is also a test of what the sources locate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputKind } from '../../src/model/input-kind.js';
import type { RuleDefinition, RuleSettings } from '../../src/rules/rule.js';
import { buildModel, type InputFile } from '../../src/scan/build-model.js';
import { runRules } from '../../src/engine/run-rules.js';
import { sources } from '../../src/sources/index.js';
import { emptyModel } from '../../src/model/scan-model.js';
import { sourceFile } from '../../src/sources/source-file.js';

/** The file name each input kind is given in a test, so detection picks its source. */
const FILE_NAMES: Record<InputKind, string> = {
  DF: 'Containerfile',
  K8S: 'manifest.yaml',
  CMP: 'compose.yaml',
  RUN: 'deploy.sh',
  QL: 'app.container',
  IMG: 'image',
};

export interface Case {
  input: InputKind;
  code: string;
  /** Extra files beside the main one (an env file, a second manifest). */
  files?: Record<string, string>;
  settings?: Partial<RuleSettings>;
  name?: string;
}

export interface InvalidCase extends Case {
  errors: { line: number; column: number; messageId?: string; message?: RegExp; endLine?: number; endColumn?: number }[];
}

export const defaultSettings: RuleSettings = {
  trustedRegistries: [],
  dangerousCapabilities: ['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_TIME', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_BOOT', 'DAC_READ_SEARCH', 'NET_RAW', 'BPF', 'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE'],
  untrusted: { namespaces: [], labels: {} },
  sandboxRuntimes: ['gvisor', 'runsc', 'kata', 'kata-containers', 'kata-qemu', 'kata-fc'],
  options: {},
};

/** Runs `rule` on one case and returns its findings. */
export function runCase(rule: RuleDefinition, c: Case) {
  const main = FILE_NAMES[c.input];
  const files: InputFile[] = [{ path: main, text: c.code, explicit: true }];
  for (const [path, text] of Object.entries(c.files ?? {})) files.push({ path, text });
  // Every file of a case exists from the start, as on disk: a source that reads a
  // file beside its own (a Compose build's Containerfile) finds it whatever the order.
  const known = emptyModel();
  for (const f of files) known.files.set(f.path, sourceFile(f.path, f.text));
  const { model, errors } = buildModel(files, known);
  const hasSource = sources.some((s) => s.input === c.input);
  const findings = runRules(model, { rules: [rule], settings: { ...defaultSettings, ...c.settings } });
  return { findings, errors, hasSource };
}

/**
 * Declares the tests of one rule. Cases whose input has no source yet are
 * reported as skipped with the reason, never silently dropped.
 */
export function ruleTester(rule: RuleDefinition, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  const messageIds = new Set(Object.keys(rule.messages));
  cases.valid.forEach((c, i) => {
    const name = `${rule.id} valid #${i + 1} (${c.input})${c.name ? `: ${c.name}` : ''}`;
    const skip = sources.some((s) => s.input === c.input) ? false : `no ${c.input} source on this branch`;
    test(name, { skip }, () => {
      const { findings, errors } = runCase(rule, c);
      assert.deepEqual(errors.filter((e) => e.code !== 'unknown-flag'), [], 'input should parse cleanly');
      assert.deepEqual(findings.map((f) => `${f.location.startLine}:${f.location.startColumn} ${f.message}`), []);
    });
  });
  cases.invalid.forEach((c, i) => {
    const name = `${rule.id} invalid #${i + 1} (${c.input})${c.name ? `: ${c.name}` : ''}`;
    const skip = sources.some((s) => s.input === c.input) ? false : `no ${c.input} source on this branch`;
    test(name, { skip }, () => {
      const { findings, errors } = runCase(rule, c);
      assert.deepEqual(errors.filter((e) => e.code !== 'unknown-flag'), [], 'input should parse cleanly');
      const got = findings.map((f) => ({ line: f.location.startLine, column: f.location.startColumn, f }));
      assert.deepEqual(
        got.map((g) => `${g.line}:${g.column}`),
        c.errors.map((e) => `${e.line}:${e.column}`),
        `findings: ${findings.map((f) => `${f.location.startLine}:${f.location.startColumn} ${f.message}`).join(' | ')}`,
      );
      c.errors.forEach((e, k) => {
        const f = got[k]!.f;
        if (e.message) assert.match(f.message, e.message);
        if (e.messageId) {
          assert.ok(messageIds.has(e.messageId), `unknown messageId ${e.messageId}`);
          assert.equal(f.messageId, e.messageId);
        }
        if (e.endLine !== undefined) assert.equal(f.location.endLine, e.endLine);
        if (e.endColumn !== undefined) assert.equal(f.location.endColumn, e.endColumn);
        assert.equal(f.ruleId, rule.id);
      });
    });
  });
}
