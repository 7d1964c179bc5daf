/**
 * Questions about a Containerfile's stages that several rules ask: which stages
 * end up in the shipped image, what a `COPY --from` refers to, what a RUN executes.
 */
import type { BuildSpec, Instruction, InstructionFlag, Stage } from '../../model/build-spec.js';

/** The stage that is built by default: the last one. */
export function finalStage(build: BuildSpec): Stage | undefined {
  return build.stages[build.stages.length - 1];
}

/**
 * Indices of the stages whose layers are in the final image: the last stage and
 * every stage it builds on through `FROM <stage>`. Stages used only through
 * `COPY --from` contribute files, not layers.
 */
export function shippedStages(build: BuildSpec): Set<number> {
  const out = new Set<number>();
  let stage = finalStage(build);
  while (stage && !out.has(stage.index)) {
    out.add(stage.index);
    stage = stage.baseStage !== undefined ? build.stages[stage.baseStage] : undefined;
  }
  return out;
}

/** A flag of an instruction by name (`from`, `checksum`, `mount`). */
export function flagOf(instruction: Instruction, name: string): InstructionFlag | undefined {
  return instruction.flags.find((f) => f.name.toLowerCase() === name);
}

/**
 * The earlier stage a `COPY --from=` names (by `AS` name or index), or undefined
 * when it names an image.
 */
export function stageNamed(build: BuildSpec, ref: string, before: number): Stage | undefined {
  const wanted = ref.toLowerCase();
  if (/^\d+$/.test(wanted)) {
    const n = Number(wanted);
    return n < before ? build.stages[n] : undefined;
  }
  return build.stages.slice(0, before).find((s) => s.name?.value.toLowerCase() === wanted);
}

/** What a RUN executes: its command text and the bodies of its here-documents. */
export function runScript(instruction: Instruction): string {
  return [instruction.text, ...instruction.heredocs.map((h) => h.content)].join('\n');
}

/** The source arguments of COPY/ADD (all but the destination), here-documents excluded. */
export function copySources(instruction: Instruction): Instruction['args'] {
  const args = instruction.args;
  return args.slice(0, Math.max(0, args.length - 1)).filter((a) => !a.value.startsWith('<<'));
}
