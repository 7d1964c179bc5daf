/**
 * Turns buildkit's syntax tree into the model's `BuildSpec`: instructions with
 * locations, stages with `AS` names, bases with global ARGs expanded, and the
 * stage each stage builds on. Rejects what buildkit's instruction layer rejects
 * (unknown instruction, instruction before FROM, malformed FROM).
 */
import type { BuildSpec, Heredoc, Instruction, InstructionFlag, KeyValue, Stage } from '../../model/build-spec.js';
import { located, type Located, type Location } from '../../model/location.js';
import { SourceError } from '../source.js';
import { spendLine } from '../../scan/file-budget.js';
import { rangeLoc, type SourceFile } from '../source-file.js';
import type { AstInstruction, AstToken, DockerfileAst } from './dockerfile-ast.js';
import { KNOWN_KEYWORDS } from './line-parsers.js';
import { expandShellWord, type EnvLookup } from './shell-lexer.js';

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const NEEDS_ARGUMENT = new Set(['env', 'label', 'arg', 'expose', 'from', 'onbuild']);
const NEEDS_ONE_ARGUMENT = new Set(['user', 'workdir']);
const NEEDS_TWO_ARGUMENTS = new Set(['copy', 'add']);

/**
 * Builds the model of a parsed Containerfile.
 * Throws `SourceError` (with line and column) for a file buildkit would not build.
 *
 * @example
 * const build = buildSpecFromAst(parseDockerfile(src.text), src);
 * build.stages.at(-1)!.base.value; // 'alpine:3.20'
 */
export function buildSpecFromAst(ast: DockerfileAst, src: SourceFile): BuildSpec {
  const loc = (start: number, end: number): Location => rangeLoc(src, start, end);
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  const stageIndex = new Map<string, number>();
  const globalEnv = new Map<string, string>();

  for (const node of ast.instructions) {
    spendLine(node.startLine); // the per-file time budget (scan/file-budget.ts)
    const instruction = toInstruction(node, src);
    validate(node, instruction);
    const keyword = node.cmd.value.toLowerCase();
    if (keyword === 'from') {
      const stage = toStage(node, instruction, stages.length, globalEnv, stageIndex, loc);
      if (stage.name) stageIndex.set(stage.name.value, stage.index);
      stages.push(stage);
    } else if (stages.length > 0) {
      stages[stages.length - 1]!.instructions.push(instruction);
    } else if (keyword === 'arg') {
      globalArgs.push(instruction);
      defineArgs(instruction, globalEnv, globalEnv);
    } else {
      throw errorAt(instruction, `no build stage in current context: ${instruction.keyword} before the first FROM`);
    }
  }

  if (stages.length === 0) throw errorAt(globalArgs[0]!, 'dockerfile contains no stages to build: no FROM instruction');
  return {
    file: src.path,
    loc: stages[0]!.from.loc,
    globalArgs,
    stages,
    escape: ast.escape,
    directives: ast.directives.map((d) => {
      const start = src.lines.lineStart(d.line);
      const lineText = src.lines.lineText(d.line);
      const at = lineText.lastIndexOf(d.value);
      const valueLoc = at >= 0 ? loc(start + at, start + at + d.value.length) : loc(start, start + lineText.length);
      return { name: d.name, value: located(d.value, valueLoc) };
    }),
  };
}

/**
 * Sets ARG defaults in `env` (expanded with `scope`); an ARG without a default, or
 * whose default refers to unknown values, is removed: its value is unknown.
 */
export function defineArgs(instruction: Instruction, env: Map<string, string>, scope: EnvLookup): void {
  for (const pair of instruction.pairs ?? []) {
    const value = pair.value === undefined ? undefined : expandKnown(pair.value.value, scope);
    if (value === undefined) env.delete(pair.name.value);
    else env.set(pair.name.value, value);
  }
}

/**
 * `text` expanded with `env`, or undefined when it depends on an unset variable or is
 * malformed. A default (`${TAG:-1.0}`) counts as the value, as ARG defaults do.
 */
export function expandKnown(text: string, env: EnvLookup): string | undefined {
  try {
    const result = expandShellWord(text, env);
    return result.unresolved.size === 0 ? result.word : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `value` expanded where known: unknown references stay as written and mark it dynamic.
 *
 * @example
 * expandLocated(located('alpine:${TAG}', loc), new Map()); // { value: 'alpine:${TAG}', loc, dynamic: true }
 */
export function expandLocated(value: Located<string>, env: EnvLookup): Located<string> {
  if (!value.value.includes('$')) return value;
  const known = expandKnown(value.value, env);
  if (known !== undefined) return located(known, value.loc);
  let partial = value.value;
  try {
    partial = expandShellWord(value.value, env, { skipUnset: true }).word;
  } catch {
    // Malformed: keep it as written.
  }
  return located(partial, value.loc, true);
}

function toStage(
  node: AstInstruction,
  from: Instruction,
  index: number,
  globalEnv: ReadonlyMap<string, string>,
  stageIndex: ReadonlyMap<string, number>,
  loc: (start: number, end: number) => Location,
): Stage {
  const args = node.args;
  if (!(args.length === 1 || (args.length === 3 && args[1]!.value.toLowerCase() === 'as'))) {
    throw errorAt(from, 'FROM requires either one or three arguments: FROM <image> [AS <name>]');
  }
  const written = from.args[0]!;
  const base = expandLocated(written, globalEnv);
  if (!base.dynamic && base.value === '') throw errorAt(from, `base name (${written.value}) should not be blank`);
  const stage: Stage = { index, from, base, instructions: [] };
  if (args.length === 3) {
    const nameToken = args[2]!;
    const name = nameToken.value.toLowerCase();
    if (!STAGE_NAME.test(name)) {
      throw errorAt(from, `invalid name for build stage: ${JSON.stringify(nameToken.value)}, name can't start with a number or contain symbols`);
    }
    if (stageIndex.has(name)) throw errorAt(from, `duplicate stage name ${JSON.stringify(name)}`);
    stage.name = located(name, loc(nameToken.start, nameToken.end));
  }
  const baseStage = base.dynamic ? undefined : stageIndex.get(base.value.toLowerCase());
  if (baseStage !== undefined) stage.baseStage = baseStage;
  const platform = from.flags.find((flag) => flag.name === 'platform');
  if (platform?.value !== undefined) stage.platform = located(platform.value, platform.valueLoc ?? platform.loc);
  return stage;
}

function validate(node: AstInstruction, instruction: Instruction): void {
  const keyword = node.cmd.value.toLowerCase();
  if (!KNOWN_KEYWORDS.has(keyword)) throw errorAt(instruction, `unknown instruction: ${node.cmd.value}`);
  const count = node.args.length;
  if (NEEDS_ARGUMENT.has(keyword) && count === 0 && !node.trigger) throw errorAt(instruction, `${instruction.keyword} requires at least one argument`);
  if (NEEDS_ONE_ARGUMENT.has(keyword) && count !== 1) throw errorAt(instruction, `${instruction.keyword} requires exactly one argument`);
  if (NEEDS_TWO_ARGUMENTS.has(keyword) && count < 2) {
    throw errorAt(instruction, `${instruction.keyword} requires at least two arguments, but only ${count === 0 ? 'none was' : 'one was'} provided. Destination could not be determined`);
  }
  if (keyword === 'onbuild' && node.trigger) {
    const trigger = node.trigger.cmd.value.toUpperCase();
    if (trigger === 'ONBUILD') throw errorAt(instruction, 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
    if (trigger === 'FROM' || trigger === 'MAINTAINER') throw errorAt(instruction, `${trigger} isn't allowed as an ONBUILD trigger`);
    validate(node.trigger, instruction.trigger!);
  }
}

function errorAt(instruction: Instruction, message: string): SourceError {
  return new SourceError(message, instruction.keywordLoc.startLine, instruction.keywordLoc.startColumn);
}

function toInstruction(node: AstInstruction, src: SourceFile): Instruction {
  const loc = (start: number, end: number): Location => rangeLoc(src, start, end);
  const at = (token: AstToken): Located<string> => located(token.value, loc(token.start, token.end));
  const keyword = node.cmd.value.toUpperCase();
  const instruction: Instruction = {
    keyword,
    loc: loc(node.start, node.end),
    keywordLoc: loc(node.cmd.start, node.cmd.end),
    flags: node.flags.map((flag) => toFlag(flag, src)),
    args: [],
    json: node.json,
    text: node.rest.value,
    heredocs: node.heredocs.map(
      (h): Heredoc => ({ name: h.name, content: h.content, loc: loc(h.start, Math.max(h.start, h.end - 1)), expand: h.expand, chomp: h.chomp }),
    ),
  };
  if (keyword === 'ENV' || keyword === 'LABEL') {
    // buildkit's triples: name, value, separator.
    const pairs: KeyValue[] = [];
    for (let i = 0; i + 1 < node.args.length; i += 3) {
      const name = node.args[i]!;
      const value = node.args[i + 1]!;
      instruction.args.push(at(name), at(value));
      pairs.push({ loc: loc(name.start, Math.max(value.end, name.end)), name: at(name), value: at(value) });
    }
    instruction.pairs = pairs;
  } else {
    instruction.args = node.args.map(at);
    if (keyword === 'ARG') instruction.pairs = node.args.map((word) => argPair(word, loc));
  }
  if (node.trigger) instruction.trigger = toInstruction(node.trigger, src);
  return instruction;
}

function argPair(word: AstToken, loc: (start: number, end: number) => Location): KeyValue {
  const eq = word.value.indexOf('=');
  const whole = loc(word.start, word.end);
  if (eq < 0) return { loc: whole, name: located(word.value, whole) };
  return {
    loc: whole,
    name: located(word.value.slice(0, eq), loc(word.start, word.start + eq)),
    value: located(word.value.slice(eq + 1), loc(word.start + eq + 1, Math.max(word.end, word.start + eq + 1))),
  };
}

function toFlag(token: AstToken, src: SourceFile): InstructionFlag {
  const text = token.value.replace(/^--/, '');
  const eq = text.indexOf('=');
  const flag: InstructionFlag = {
    name: eq < 0 ? text : text.slice(0, eq),
    value: eq < 0 ? undefined : text.slice(eq + 1),
    loc: rangeLoc(src, token.start, token.end),
  };
  if (eq >= 0) {
    const written = src.text.indexOf('=', token.start);
    if (written >= 0 && written < token.end) flag.valueLoc = rangeLoc(src, written + 1, token.end);
  }
  return flag;
}
