/**
 * Maps an image's layers back to the Containerfile instructions that made them,
 * so an image finding also points at a line. History and instructions are
 * aligned from the end (the last RUN/COPY/ADD of the final stage made the last
 * layer); the alignment stops where kinds or RUN commands disagree, which is
 * where the base image's layers begin.
 */
import type { BuildSpec, Instruction } from '../../model/build-spec.js';
import type { ImageSpec } from '../../model/image-spec.js';

const LAYER_MAKERS = new Set(['RUN', 'COPY', 'ADD']);

/** Sets `instruction` on the layers it can match; returns how many it matched. */
export function linkLayersToBuild(image: ImageSpec, build: BuildSpec): number {
  const instructions = finalChain(build).filter((i) => LAYER_MAKERS.has(i.keyword));
  const layers = image.layers.filter((l) => l.historyIndex !== undefined);
  let matched = 0;
  for (let li = layers.length - 1, ii = instructions.length - 1; li >= 0 && ii >= 0; li--, ii--) {
    const layer = layers[li]!;
    const instruction = instructions[ii]!;
    const createdBy = image.history[layer.historyIndex!]!.createdBy;
    if (!agrees(createdBy, instruction)) break;
    layer.instruction = instruction.loc;
    matched++;
  }
  return matched;
}

/** The final stage's instructions, preceded by those of the stages it builds on. */
function finalChain(build: BuildSpec): Instruction[] {
  const chain: Instruction[][] = [];
  const seen = new Set<number>();
  for (let stage = build.stages[build.stages.length - 1]; stage && !seen.has(stage.index); stage = stage.baseStage === undefined ? undefined : build.stages[stage.baseStage]) {
    seen.add(stage.index);
    chain.unshift(stage.instructions);
  }
  return chain.flat();
}

/** The kind a history entry records: buildah/docker `#(nop) COPY …`, buildkit `COPY … # buildkit`, else a RUN. */
export function historyKind(createdBy: string): 'COPY' | 'ADD' | 'RUN' {
  const m = /^(?:\/bin\/sh -c #\(nop\)\s*)?(COPY|ADD)\b/.exec(createdBy.trim());
  return (m?.[1] as 'COPY' | 'ADD' | undefined) ?? 'RUN';
}

function agrees(createdBy: string, instruction: Instruction): boolean {
  if (historyKind(createdBy) !== instruction.keyword) return false;
  if (instruction.keyword !== 'RUN') return true;
  const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const head = squash(instruction.text).slice(0, 40);
  return head === '' || squash(createdBy).includes(head);
}
