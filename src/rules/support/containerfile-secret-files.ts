/**
 * The Containerfile half of secret-file-in-image: secret-like files followed
 * through the stages to the final image.
 *
 * A stage's files reach the final image either as layers (the final stage and the
 * stages it builds on with FROM, deleted files included) or as files through
 * `COPY --from`, which copies only what still exists at the end of that stage; so
 * a builder stage that deletes its secret, or whose copied path does not hold it,
 * ships nothing.
 */
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { BuildSpec, Instruction } from '../../model/build-spec.js';
import type { Located, Location } from '../../model/location.js';
import { copyDestination, copySources, flagOf, runScript, stageNamed } from './build-stages.js';
import { isPublicKeyDestination, isSecretFile } from './secret-files.js';

/** Message ids of the Containerfile findings (the rule's `messages` must have them). */
export type SecretCopyMessage = 'shipped' | 'removed' | 'carried';

export interface SecretCopyReport {
  messageId: SecretCopyMessage;
  data: Record<string, string | number>;
  loc: Location;
}

/**
 * One report per COPY/ADD source that puts a secret-like file into the final image.
 *
 * @example
 * secretCopyReports(build).map((r) => r.messageId); // ['removed'] for COPY secret.txt + RUN rm
 */
export function secretCopyReports(build: BuildSpec): SecretCopyReport[] {
  const out: SecretCopyReport[] = [];
  const seen = new Set<Located<string>>();
  for (const file of trackSecretFiles(build)) {
    if (seen.has(file.origin)) continue;
    seen.add(file.origin);
    const data = { keyword: file.instruction.keyword, file: file.origin.value };
    if (file.via) out.push({ messageId: 'carried', data: { ...data, stage: file.stageName, line: file.via.loc.startLine }, loc: file.origin.loc });
    else if (file.removedBy) out.push({ messageId: 'removed', data: { ...data, line: file.removedBy.loc.startLine }, loc: file.origin.loc });
    else out.push({ messageId: 'shipped', data, loc: file.origin.loc });
  }
  return out;
}

interface SecretCopy {
  /** The COPY/ADD source argument that brought the file in. */
  origin: Located<string>;
  instruction: Instruction;
  /** Name (or index) of the stage the COPY/ADD is in. */
  stageName: string;
  /** Path inside the stage's filesystem. */
  path: string;
  /** A later RUN in a stage that has the file in its layers deleted it. */
  removedBy?: Instruction;
  /** The COPY --from that carried it into a later stage. */
  via?: Instruction;
}

/** The secret files in the final stage's layers, removed ones included. */
function trackSecretFiles(build: BuildSpec): SecretCopy[] {
  const byStage: SecretCopy[][] = [];
  const workdirs: string[] = [];
  for (const stage of build.stages) {
    const base = stage.baseStage;
    // Layers of the stage built on come along, deleted files included.
    const files: SecretCopy[] = base !== undefined ? (byStage[base] ?? []).map((f) => ({ ...f })) : [];
    let workdir = base !== undefined ? (workdirs[base] ?? '/') : '/';
    const stageName = stage.name?.value ?? String(stage.index);
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR' && instruction.args[0]) {
        workdir = posix.resolve(workdir, instruction.args[0].value.replace(/^(["'])(.*)\1$/, '$2'));
      } else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        files.push(...copiedSecrets(build, stage.index, instruction, workdir, byStage, stageName));
      } else if (instruction.keyword === 'RUN') {
        const removed = removedPaths(runScript(instruction), workdir);
        if (removed.length === 0) continue;
        for (const f of files) {
          if (!f.removedBy && removed.some((r) => removes(r, f.path))) f.removedBy = instruction;
        }
      }
    }
    byStage[stage.index] = files;
    workdirs[stage.index] = workdir;
  }
  return byStage[build.stages.length - 1] ?? [];
}

function copiedSecrets(build: BuildSpec, stageIndex: number, instruction: Instruction, workdir: string, byStage: SecretCopy[][], stageName: string): SecretCopy[] {
  const sources = copySources(instruction);
  const destArg = copyDestination(instruction);
  if (!destArg || sources.length === 0) return [];
  const dest = posix.resolve(workdir, destArg.value);
  const destIsDir = /\/$|^\.$/.test(destArg.value) || sources.length > 1;
  const target = (src: string): string => (destIsDir ? posix.join(dest, posix.basename(src)) : dest);
  const out: SecretCopy[] = [];
  const fromFlag = flagOf(instruction, 'from');
  const fromStage = fromFlag?.value ? stageNamed(build, fromFlag.value, stageIndex) : undefined;
  for (const src of sources) {
    if (src.dynamic || /^[a-z]+:\/\//i.test(src.value)) continue;
    if (fromStage) {
      // Only what still exists at the end of that stage is copied.
      const srcPath = posix.resolve('/', src.value);
      const carried = (byStage[fromStage.index] ?? []).filter((f) => !f.removedBy && covers(srcPath, f.path));
      for (const f of carried) out.push({ origin: f.origin, instruction: f.instruction, stageName: f.stageName, path: target(f.path), via: f.via ?? instruction });
      if (carried.length > 0) continue;
    }
    if (isSecretFile(src.value) && !isPublicKeyDestination(target(src.value))) out.push({ origin: src, instruction, stageName, path: target(src.value) });
  }
  return out;
}

/** True when copying `src` (a file, a directory or a glob) copies the file at `path`. */
function covers(src: string, path: string): boolean {
  if (/[*?[]/.test(src)) return picomatch.isMatch(path, src, { dot: true }) || picomatch.isMatch(path, `${src}/**`, { dot: true });
  const dir = src.replace(/\/+$/, '');
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/** A path an `rm`/`unlink`/`shred -u` operand names, or a bare name when it holds a variable. */
type Removal = { path: string } | { name: string };

/**
 * What the commands of a RUN delete, resolved against the working directory and
 * any `cd` before them: `cd /app && rm -f secret.txt` removes /app/secret.txt.
 */
function removedPaths(script: string, workdir: string): Removal[] {
  const out: Removal[] = [];
  let cwd = workdir;
  for (const command of script.replace(/\\\n/g, ' ').split(/&&|\|\||[;|\n]/)) {
    const words = command.trim().split(/\s+/).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
    if (words[0] === 'sudo') words.shift();
    const [cmd, ...rest] = words;
    if (cmd === 'cd' && rest[0] && !rest[0].includes('$')) cwd = posix.resolve(cwd, rest[0]);
    if (cmd !== 'rm' && cmd !== 'unlink' && cmd !== 'shred') continue;
    for (const operand of rest) {
      if (!operand || operand.startsWith('-')) continue;
      // With a variable in it the directory is unknown; the file name still tells.
      out.push(operand.includes('$') ? { name: posix.basename(operand) } : { path: posix.resolve(cwd, operand) });
    }
  }
  return out;
}

/** True when the removal deletes the file at `path` (the file itself, a directory above it, a glob). */
function removes(removal: Removal, path: string): boolean {
  if ('name' in removal) return posix.basename(path) === removal.name;
  return covers(removal.path, path);
}
