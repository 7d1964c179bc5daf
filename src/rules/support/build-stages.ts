/**
 * Questions about Containerfile instructions that several rules ask: what a
 * `COPY --from` refers to, what a COPY copies where, what a RUN executes.
 */
import type { BuildSpec, Instruction, InstructionFlag, Stage } from '../../model/build-spec.js';

/**
 * A flag of an instruction by name (`from`, `checksum`, `mount`).
 *
 * @example
 * flagOf(add, 'checksum')?.value; // 'sha256:…'
 */
export function flagOf(instruction: Instruction, name: string): InstructionFlag | undefined {
  return instruction.flags.find((f) => f.name.toLowerCase() === name);
}

/**
 * The earlier stage a `COPY --from=` names (by `AS` name or index), or undefined
 * when it names an image.
 *
 * @example
 * stageNamed(build, 'builder', 2)?.index; // 0 for `FROM … AS builder` first
 */
export function stageNamed(build: BuildSpec, ref: string, before: number): Stage | undefined {
  const wanted = ref.toLowerCase();
  if (/^\d+$/.test(wanted)) {
    const n = Number(wanted);
    return n < before ? build.stages[n] : undefined;
  }
  return build.stages.slice(0, before).find((s) => s.name?.value.toLowerCase() === wanted);
}

/**
 * What a RUN executes: its command text and the bodies of its here-documents.
 *
 * @example
 * runScript(run); // 'set -e\ncurl … | sh' for `RUN <<EOF` … `EOF`
 */
export function runScript(instruction: Instruction): string {
  return [instruction.text, ...instruction.heredocs.map((h) => h.content)].join('\n');
}

/**
 * The source arguments of COPY/ADD (all but the destination), unquoted, here-documents excluded.
 *
 * @example
 * copySources(copy).map((a) => a.value); // ['id_rsa', 'config.json'] for `COPY id_rsa config.json /root/`
 */
export function copySources(instruction: Instruction): Instruction['args'] {
  const args = instruction.args.map((a) => ({ ...a, value: unquote(a.value) }));
  return args.slice(0, Math.max(0, args.length - 1)).filter((a) => !a.value.startsWith('<<'));
}

/**
 * The destination argument of COPY/ADD, unquoted.
 *
 * @example
 * copyDestination(copy)?.value; // '/root/'
 */
export function copyDestination(instruction: Instruction): Instruction['args'][number] | undefined {
  const last = instruction.args[instruction.args.length - 1];
  return last && { ...last, value: unquote(last.value) };
}

/** Shell-form words keep their quotes as written; paths are compared without them. */
function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}
