/**
 * A parsed Containerfile: its stages and instructions, each with a location.
 * Built by `sources/dockerfile`; rules read it to judge build steps (ADD of a URL,
 * COPY of a secret, a one-stage build), while the final stage as a running
 * container is a `ContainerSpec`.
 */
import type { Located, Location } from './location.js';

export interface BuildSpec {
  file: string;
  /** Location of the first instruction, for findings about the file as a whole. */
  loc: Location;
  /** `ARG`s before the first `FROM`. */
  globalArgs: Instruction[];
  stages: Stage[];
  /** The escape character (`\` or a backtick from `# escape=`). */
  escape: string;
  /** Parser directives at the top of the file (`# syntax=…`, `# escape=…`, `# check=…`). */
  directives: { name: string; value: Located<string> }[];
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as buildkit does. */
  name?: Located<string>;
  /** The `FROM` instruction. */
  from: Instruction;
  /**
   * The base as written, with ARGs expanded where their values are known; `dynamic`
   * when it refers to an ARG without a known value (then unknown parts stay as written).
   */
  base: Located<string>;
  /** Index of the stage this one builds on when `base` names an earlier stage. */
  baseStage?: number;
  /** `FROM --platform=…`, as written. */
  platform?: Located<string>;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface Instruction {
  /** Upper-case keyword: `RUN`, `COPY`… */
  keyword: string;
  /** The whole instruction, continuation lines and heredoc bodies included. */
  loc: Location;
  /** The keyword as written. */
  keywordLoc: Location;
  /** `--from=builder`, `--chown=…`, `--mount=…`; name without dashes. */
  flags: InstructionFlag[];
  /**
   * Arguments after the flags: JSON array items, or whitespace-separated words
   * (quotes kept, as written). RUN/CMD/ENTRYPOINT/SHELL/USER/WORKDIR in shell form:
   * the whole text as one argument. ENV and LABEL: name, value, name, value….
   */
  args: Located<string>[];
  /** ENV, LABEL and ARG items, split into name and value as written. */
  pairs?: KeyValue[];
  /** True for the JSON (exec) form. */
  json: boolean;
  /** The text after the keyword and flags, continuations joined as buildkit joins them. */
  text: string;
  /** Here-documents (`<<EOF`) attached to the instruction. */
  heredocs: Heredoc[];
  /** ONBUILD's trigger instruction. */
  trigger?: Instruction;
}

export interface InstructionFlag {
  name: string;
  value: string | undefined;
  /** The whole flag as written. */
  loc: Location;
  /** The value after `=`, when there is one. */
  valueLoc?: Location;
}

/** `name=value` in ENV, LABEL and ARG (`ENV name value` in the legacy form). */
export interface KeyValue {
  loc: Location;
  name: Located<string>;
  /** The value as written, quotes included; undefined for `ARG name` without a default. */
  value?: Located<string>;
}

export interface Heredoc {
  name: string;
  content: string;
  /** The body, from the line after the instruction to the line before the delimiter. */
  loc: Location;
  /** False for a quoted delimiter (`<<'EOF'`): the body is not expanded. */
  expand: boolean;
  /** `<<-EOF`: leading tabs are removed. */
  chomp: boolean;
}

/** The stage whose output is the image: the last one. */
export function finalStage(build: BuildSpec): Stage | undefined {
  return build.stages[build.stages.length - 1];
}

/**
 * The stages a stage builds on, itself first, then its base stage and so on.
 *
 * @example
 * stageChain(build, finalStage(build)!).map((s) => s.index); // [2, 0]
 */
export function stageChain(build: BuildSpec, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  for (let at: Stage | undefined = stage; at && !seen.has(at.index); at = at.baseStage === undefined ? undefined : build.stages[at.baseStage]) {
    seen.add(at.index);
    chain.push(at);
  }
  return chain;
}
