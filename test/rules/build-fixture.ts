/**
 * A deliberately small Containerfile reader for testing the build rules' logic
 * (stages, COPY --from, RUN rm) independently of the real Dockerfile source:
 * one instruction per line (backslash continuations joined), `--flag=value`
 * flags, whitespace-separated arguments with their columns. The table tests in
 * each rule's test file go through the real source once it is on the branch.
 */
import type { BuildSpec, Instruction, Stage } from '../../src/model/build-spec.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel } from '../../src/model/scan-model.js';
import type { RuleDefinition } from '../../src/rules/rule.js';
import { runRules } from '../../src/engine/run-rules.js';
import { defaultSettings } from './rule-tester.js';

const FILE = 'Containerfile';

function loc(line: number, column: number, endColumn: number): Location {
  return { file: FILE, startLine: line, startColumn: column, endLine: line, endColumn };
}

/** Parses `text` into a BuildSpec (fixture quality: no quotes, no here-docs, no JSON form). */
export function fixtureBuild(text: string): BuildSpec {
  const lines = text.split('\n');
  const build: BuildSpec = { file: FILE, loc: loc(1, 1, 1), globalArgs: [], stages: [], escape: '\\' };
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let body = lines[i]!;
    if (!body.trim() || body.trim().startsWith('#')) continue;
    while (body.endsWith('\\') && i + 1 < lines.length) body = `${body.slice(0, -1)} ${lines[++i]!}`;
    const words = [...body.matchAll(/\S+/g)].map((m) => ({ value: m[0], loc: loc(startLine, m.index + 1, m.index + 1 + m[0].length) }));
    const keyword = words.shift()!.value.toUpperCase();
    const flags: Instruction['flags'] = [];
    while (words[0]?.value.startsWith('--')) {
      const w = words.shift()!;
      const [name, ...rest] = w.value.slice(2).split('=');
      flags.push({ name: name!, value: rest.length ? rest.join('=') : undefined, loc: w.loc });
    }
    const instruction: Instruction = {
      keyword,
      loc: { file: FILE, startLine, startColumn: 1, endLine: i + 1, endColumn: lines[i]!.length + 1 },
      flags,
      args: words,
      json: false,
      text: body.replace(/^\s*\S+\s*/, ''),
      heredocs: [],
    };
    if (keyword === 'FROM') {
      const base = words[0]!;
      const stage: Stage = { index: build.stages.length, from: instruction, base, instructions: [] };
      const asIndex = words.findIndex((w) => w.value.toUpperCase() === 'AS');
      if (asIndex !== -1 && words[asIndex + 1]) stage.name = { ...words[asIndex + 1]!, value: words[asIndex + 1]!.value.toLowerCase() };
      const earlier = build.stages.find((s) => s.name?.value === base.value.toLowerCase());
      if (earlier) stage.baseStage = earlier.index;
      build.stages.push(stage);
    } else if (build.stages.length === 0) {
      build.globalArgs.push(instruction);
    } else {
      build.stages[build.stages.length - 1]!.instructions.push(instruction);
    }
  }
  return build;
}

/** Runs one rule over a fixture build; returns `line:column messageId` strings. */
export function runOnBuild(rule: RuleDefinition, text: string, settings: Partial<typeof defaultSettings> = {}): { at: string[]; messages: string[] } {
  const model = emptyModel();
  const build = fixtureBuild(text);
  model.builds.push(build);
  for (const stage of build.stages) {
    if (stage.baseStage === undefined && stage.base.value.toLowerCase() !== 'scratch') {
      model.imageRefs.push({ input: 'DF', ref: stage.base, resource: { kind: 'Containerfile' }, role: 'base' });
    }
  }
  const findings = runRules(model, { rules: [rule], settings: { ...defaultSettings, ...settings } });
  return { at: findings.map((f) => `${f.location.startLine}:${f.location.startColumn} ${f.messageId}`), messages: findings.map((f) => f.message) };
}
