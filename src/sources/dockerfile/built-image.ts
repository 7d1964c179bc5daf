/**
 * What an image built from a Containerfile in the scanned tree will run as: the
 * final stage's user and exposed ports. Compose `build:` and Quadlet `.build`
 * units take them from here, so a service built from a Containerfile that sets
 * `USER 10001` is not called root.
 */
import type { PortSpec } from '../../model/container-spec.js';
import type { Located } from '../../model/location.js';
import type { ScanModel } from '../../model/scan-model.js';
import { readSideFile } from '../side-file.js';
import { buildSpecFromAst } from './build-model.js';
import { finalStageWorkload } from './final-container.js';
import { parseDockerfile } from './parse-dockerfile.js';

export interface BuiltImage {
  /** The Containerfile read. */
  file: string;
  /** The final stage's user, located at its `USER`; undefined when none is set (root). */
  user?: Located<string>;
  /** Ports the final stage exposes. */
  exposed: PortSpec[];
}

/**
 * Reads the Containerfile `containerfile` (relative to `from`'s directory) and
 * returns its final stage's facts (the `target` stage's, when one is named), or
 * undefined when it cannot be read or parsed or has no such stage.
 *
 * @example
 * builtImage(model, 'compose.yaml', 'app/Containerfile')?.user?.value; // '10001'
 */
export function builtImage(model: ScanModel, from: string, containerfile: string, target?: string): BuiltImage | undefined {
  const src = readSideFile(model, from, containerfile);
  if (!src) return undefined;
  try {
    const parsed = buildSpecFromAst(parseDockerfile(src.text), src);
    // `--target` (Compose `build.target`, Quadlet `Target=`) builds up to that stage:
    // it is the image's final stage, and the stages after it are not built.
    const index = target === undefined ? -1 : parsed.stages.findIndex((s) => s.name?.value === target.toLowerCase());
    if (target !== undefined && index === -1) return undefined;
    const build = index === -1 ? parsed : { ...parsed, stages: parsed.stages.slice(0, index + 1) };
    const container = finalStageWorkload(build, src.path)?.containers[0];
    if (!container) return undefined;
    const image: BuiltImage = { file: src.path, exposed: container.ports };
    if (container.user) image.user = container.user;
    return image;
  } catch {
    // A Containerfile that does not parse is reported when it is scanned itself.
    return undefined;
  }
}
