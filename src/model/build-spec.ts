/**
 * A parsed Containerfile: its stages and instructions, each with a location.
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
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as buildkit does. */
  name?: Located<string>;
  /** The `FROM` instruction. */
  from: Instruction;
  /** The base as written, with ARGs expanded where their values are known. */
  base: Located<string>;
  /** Index of the stage this one builds on when `base` names an earlier stage. */
  baseStage?: number;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface Instruction {
  /** Upper-case keyword: `RUN`, `COPY`… */
  keyword: string;
  /** The whole instruction, continuation lines included. */
  loc: Location;
  /** `--from=builder`, `--chown=…`, `--mount=…`; name without dashes. */
  flags: InstructionFlag[];
  /** Arguments after the flags: JSON array items, or whitespace-separated words. */
  args: Located<string>[];
  /** True for the JSON (exec) form. */
  json: boolean;
  /** The text after the keyword and flags, continuations joined as buildkit joins them. */
  text: string;
  /** Here-documents (`<<EOF`) attached to the instruction. */
  heredocs: Heredoc[];
}

export interface InstructionFlag {
  name: string;
  value: string | undefined;
  loc: Location;
}

export interface Heredoc {
  name: string;
  content: string;
  loc: Location;
}
