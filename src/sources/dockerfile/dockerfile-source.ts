/**
 * The Containerfile/Dockerfile source: recognises the files by name, parses them as
 * buildkit does, and adds the build (stages, instructions), its image references and
 * the final stage as a container workload to the scan model.
 */
import type { BuildSpec } from '../../model/build-spec.js';
import type { ScanError } from '../../model/finding.js';
import type { ImageRefUse } from '../../model/image-ref.js';
import { located } from '../../model/location.js';
import type { ScanModel } from '../../model/scan-model.js';
import { SourceError, type SourceDefinition } from '../source.js';
import type { SourceFile } from '../source-file.js';
import { buildSpecFromAst, defineArgs, expandLocated } from './build-model.js';
import { checkExpansionBudget } from './expansion-budget.js';
import { finalStageWorkload } from './final-container.js';
import { parseDockerfile } from './parse-dockerfile.js';
import { baseName, dockerfileKind, isDockerfileName } from './dockerfile-kind.js';

export { isDockerfileName };

/**
 * Parses one Containerfile into `model`. A file buildkit rejects adds one `ScanError`
 * (file, line, column, code `parse`) and nothing else.
 */
function parseContainerfile(src: SourceFile, model: ScanModel, errors: ScanError[]): void {
  let build: BuildSpec;
  try {
    build = buildSpecFromAst(parseDockerfile(src.text), src);
    checkExpansionBudget(build);
  } catch (error) {
    errors.push(toScanError(src, error));
    return;
  }
  if (!model.files.has(src.path)) model.files.set(src.path, src);
  const name = baseName(src.path);
  model.builds.push(build);
  model.imageRefs.push(...imageRefs(build));
  const workload = finalStageWorkload(build, name);
  if (workload) model.workloads.push(workload);
}

function toScanError(src: SourceFile, error: unknown): ScanError {
  if (error instanceof SourceError) {
    const scanError: ScanError = { file: src.path, message: error.message, code: error.code };
    if (error.line !== undefined) scanError.line = error.line;
    if (error.column !== undefined) scanError.column = error.column;
    return scanError;
  }
  // Not expected: report it as a value, never as a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  return { file: src.path, message: `could not parse the Containerfile: ${message}`, code: 'parse' };
}

/**
 * Every FROM base that is not an earlier stage (`scratch` included) and every
 * `COPY --from=<image>` that names neither a stage nor a stage index.
 *
 * @example
 * imageRefs(build).map((r) => [r.role, r.ref.value]); // [['base', 'golang:1.22'], ['copy-from', 'nginx:1.27']]
 */
export function imageRefs(build: BuildSpec): ImageRefUse[] {
  const refs: ImageRefUse[] = [];
  const stageNames = new Set(build.stages.flatMap((stage) => (stage.name ? [stage.name.value] : [])));
  const globalEnv = new Map<string, string>();
  for (const arg of build.globalArgs) defineArgs(arg, globalEnv, globalEnv);
  for (const stage of build.stages) {
    const resource = { kind: 'Containerfile', name: stage.name?.value ?? String(stage.index) };
    if (stage.baseStage === undefined) refs.push({ input: 'DF', ref: stage.base, resource, role: 'base' });
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      const from = instruction.flags.find((flag) => flag.name === 'from');
      if (from?.value === undefined) continue;
      const ref = expandLocated(located(from.value, from.valueLoc ?? from.loc), globalEnv);
      if (!ref.dynamic && (/^\d+$/.test(ref.value) || stageNames.has(ref.value.toLowerCase()))) continue;
      refs.push({ input: 'DF', ref, resource, role: 'copy-from' });
    }
  }
  return refs;
}

/**
 * The Containerfile/Dockerfile source (input `DF`), recognised by file name only.
 *
 * @example
 * const model = emptyModel();
 * const errors: ScanError[] = [];
 * dockerfileSource.parse(sourceFile('Containerfile', 'FROM alpine\nUSER 10001\n'), model, errors);
 * model.workloads[0].containers[0].user?.value; // '10001'
 */
export const dockerfileSource: SourceDefinition = {
  ...dockerfileKind,
  parse: parseContainerfile,
};
