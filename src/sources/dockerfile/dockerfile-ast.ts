/**
 * The syntax tree of a Dockerfile as buildkit's parser builds it (one node per
 * instruction, continuations joined), with the source offset of every token so the
 * model can locate each instruction, flag and argument.
 */

/** A token and the half-open source offsets [start, end) of its text. */
export interface AstToken {
  value: string;
  start: number;
  end: number;
}

export interface AstHeredoc {
  /** The delimiter word, quotes removed. */
  name: string;
  /** Lines between the instruction and the delimiter, newlines kept. */
  content: string;
  /** False when the delimiter was quoted (`<<'EOF'`): no expansion inside. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped. */
  chomp: boolean;
  fileDescriptor: number;
  start: number;
  end: number;
}

export interface AstInstruction {
  /** The keyword as written (`run`, `RUN`). */
  cmd: AstToken;
  /** Builder flags as written after unquoting: `--from=builder`. */
  flags: AstToken[];
  /**
   * buildkit's argument list: JSON items, words, or the rest of the line as one
   * token. ENV and LABEL hold triples (name, value, separator: `=` or `""` for the
   * legacy `ENV name value` form), as buildkit's dump shows them.
   */
  args: AstToken[];
  /** True for the JSON (exec) form. */
  json: boolean;
  /** ONBUILD's trigger instruction. */
  trigger?: AstInstruction;
  /** The text after keyword and flags, as buildkit passes it on. */
  rest: AstToken;
  heredocs: AstHeredoc[];
  /** The joined line buildkit parsed (`Node.Original`). */
  original: string;
  /** 1-based first and last line, heredoc bodies included. */
  startLine: number;
  endLine: number;
  start: number;
  end: number;
}

export interface AstDirective {
  name: string;
  value: string;
  line: number;
}

export interface DockerfileAst {
  instructions: AstInstruction[];
  directives: AstDirective[];
  /** `\` or a backtick. */
  escape: string;
  /** Empty continuation lines, which buildkit warns about. */
  warnings: { line: number; message: string }[];
}
