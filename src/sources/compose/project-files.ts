/**
 * Which files make up a Compose project when `COMPOSE_FILE` says (docker compose
 * "Set environment variables with pre-defined values": `COMPOSE_FILE` lists the
 * files, separated by `COMPOSE_PATH_SEPARATOR`, `:` by default on Linux; the
 * variable comes from the environment of whoever runs compose, else from the `.env`
 * in the project directory). The listed files are merged in order, as `-f a -f b`
 * would merge them, and the default discovery of `compose.override.yaml` is off.
 *
 * A scanner has no shell: the `.env` beside a Compose file is read for that file,
 * and the scanner's own environment only for files in its working directory, where
 * `docker compose` run by the same user would pick it up.
 */
import { delimiter, resolve } from 'node:path';
import type { Location } from '../../model/location.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { ScanError } from '../../model/finding.js';
import { besideFile, readSideFile, refusedOutside } from '../side-file.js';
import type { SourceFile } from '../source-file.js';

export type Selection =
  /** `src` comes first in `COMPOSE_FILE`: the project is these files, merged in order. */
  | { kind: 'project'; files: SourceFile[] }
  /** `src` is listed after the first file: it is read as part of that project only. */
  | { kind: 'member' };

/** The variable's value and where it is written (undefined when it comes from the environment). */
function setting(src: SourceFile, env: ReadonlyMap<string, string>, name: string): string | undefined {
  const fromShell = process.env[name];
  if (fromShell !== undefined && fromShell !== '' && resolve(besideFile(src.path, '.')) === resolve(process.cwd())) return fromShell;
  return env.get(name);
}

/**
 * The project `src` belongs to by `COMPOSE_FILE`, or undefined when the variable is
 * unset or does not list `src` (then the usual base-and-override discovery holds).
 *
 * @example
 * // .env: COMPOSE_FILE=compose.yaml:compose.prod.yaml
 * selectedFiles(compose, env, origins, model, errors); // { kind: 'project', files: [compose.yaml, compose.prod.yaml] }
 */
export function selectedFiles(
  src: SourceFile,
  env: ReadonlyMap<string, string>,
  origins: ReadonlyMap<string, Location>,
  model: ScanModel,
  errors: ScanError[],
): Selection | undefined {
  if (src.path.startsWith('<')) return undefined;
  const list = setting(src, env, 'COMPOSE_FILE');
  if (!list) return undefined;
  const separator = setting(src, env, 'COMPOSE_PATH_SEPARATOR') || delimiter;
  const names = list.split(separator).map((n) => n.trim()).filter((n) => n !== '');
  const self = resolve(src.path);
  const index = names.findIndex((n) => resolve(besideFile(src.path, n)) === self);
  if (index === -1) return undefined;
  if (index > 0) return { kind: 'member' };
  const at = origins.get('COMPOSE_FILE');
  const files: SourceFile[] = [src];
  for (const name of names.slice(1)) {
    const file = readSideFile(model, src.path, name, at);
    if (file) files.push(file);
    else if (!refusedOutside(model, src.path, name)) {
      const where = at ?? src.path;
      const loc = typeof where === 'string' ? { file: where } : { file: where.file, line: where.startLine, column: where.startColumn };
      errors.push({ ...loc, message: `COMPOSE_FILE names ${name}, which cannot be read: the project is checked without it`, code: 'read' });
    }
  }
  return { kind: 'project', files };
}
