/**
 * The per-file budget for ARG and ENV expansion. Each `ARG A=$A$A$A$A` line
 * quadruples A, so thirty such lines would need more memory than exists; the lexer
 * stops any one expansion at `MAX_EXPANSION` characters (the value is then unknown,
 * wherever it is expanded), and this check turns that into an error located at the
 * instruction, so the file is reported rather than judged on values it cut short.
 */
import type { BuildSpec, Instruction } from '../../model/build-spec.js';
import { SourceError } from '../source.js';
import { ExpansionTooLongError, expandShellWord, MAX_EXPANSION } from './shell-lexer.js';

/**
 * Throws `SourceError` at the first ARG or ENV whose value, expanded in order
 * through the file, would be longer than `MAX_EXPANSION` characters.
 *
 * @example
 * checkExpansionBudget(buildSpecFromAst(parseDockerfile(text), src));
 */
export function checkExpansionBudget(build: BuildSpec): void {
  // One scope for the whole file: it over-approximates what each stage sees, which
  // is what a budget needs.
  const env = new Map<string, string>();
  const define = (instruction: Instruction): void => {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') return;
    for (const pair of instruction.pairs ?? []) {
      if (pair.value === undefined) continue;
      try {
        const word = expandShellWord(pair.value.value, env).word;
        if (word.length > MAX_EXPANSION) throw new ExpansionTooLongError();
        env.set(pair.name.value, word);
      } catch (error) {
        if (error instanceof ExpansionTooLongError) {
          throw new SourceError(
            `${instruction.keyword} ${pair.name.value} expands to more than ${MAX_EXPANSION} characters (limit per value); the file is not judged`,
            instruction.keywordLoc.startLine,
            instruction.keywordLoc.startColumn,
          );
        }
        env.delete(pair.name.value);
      }
    }
  };
  for (const instruction of build.globalArgs) define(instruction);
  for (const stage of build.stages) for (const instruction of stage.instructions) define(instruction);
}
