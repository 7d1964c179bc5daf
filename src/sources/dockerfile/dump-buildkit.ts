/**
 * buildkit's `Node.Dump()` of a parsed file, the format of buildkit's parser test
 * results, so conformance can be checked byte for byte.
 */
import type { AstInstruction, DockerfileAst } from './dockerfile-ast.js';
import { goQuote, goQuoteList } from './go-text.js';

/**
 * One line per instruction: `(run ["--mount=type=cache"] "make")`.
 *
 * @example
 * dumpBuildkit(parseDockerfile('FROM alpine\n')); // '(from "alpine")'
 */
export function dumpBuildkit(ast: DockerfileAst): string {
  return ast.instructions.map((instruction) => `(${dumpInstruction(instruction)})`).join('\n');
}

function dumpInstruction(instruction: AstInstruction): string {
  let out = instruction.cmd.value.toLowerCase();
  if (instruction.flags.length > 0) out += ' ' + goQuoteList(instruction.flags.map((flag) => flag.value));
  if (instruction.trigger) out += ` (${dumpInstruction(instruction.trigger)})`;
  for (const arg of instruction.args) out += ' ' + goQuote(arg.value);
  return out.trim();
}
