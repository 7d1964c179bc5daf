/**
 * secret-file-in-image: a key or credentials file copied into the image is in a
 * layer for good; deleting it in a later step hides it from the final filesystem
 * but not from anyone who extracts the layers.
 *
 * DF: the copies are followed through the stages. A stage's files reach the final
 * image either as layers (the final stage and the stages it builds on with FROM)
 * or as files through `COPY --from`, which copies only what still exists at the
 * end of that stage, so a builder stage that deletes its secret, or whose copied
 * path does not hold it, is fine. IMG is judged from the image's layer index.
 */
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { BuildSpec, Instruction } from '../model/build-spec.js';
import type { Located } from '../model/location.js';
import { defineRule } from './rule.js';
import { copyDestination, copySources, flagOf, runScript, stageNamed } from './support/build-stages.js';
import { isSecretFile } from './support/secret-files.js';

export default defineRule({
  id: 'secret-file-in-image',
  title: 'Secret file copied into the image',
  severity: 'critical',
  inputs: ['DF', 'IMG'],
  rationale:
    'Every COPY/ADD is a layer that ships with the image; a private key, token file or credentials file in any layer can be extracted by anyone who can pull the image, even after a later step deletes it.',
  remedy: 'Use the secret only where it is needed, without storing it: `RUN --mount=type=secret,id=NAME`, or a builder stage in a multi-stage build whose output (not the secret) is copied into the final stage. Add such files to .dockerignore.',
  references: [
    { title: 'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles' },
    { title: 'Docker documentation: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #12 - Utilize Docker Secrets for Sensitive Data Management', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    shipped: '{{keyword}} puts the secret-like file "{{file}}" into the final image: use `RUN --mount=type=secret` or keep it in a builder stage.',
    removed: '{{keyword}} adds the secret-like file "{{file}}"; the RUN on line {{line}} deletes it, but the earlier layer still holds it and anyone who pulls the image can extract it: use `RUN --mount=type=secret` instead.',
    carried: '{{keyword}} puts the secret-like file "{{file}}" into stage "{{stage}}", and the COPY --from on line {{line}} carries it into the final image: copy only the build output, or delete the secret in that stage.',
  },
  check(ctx) {
    for (const build of ctx.builds()) {
      const finalFiles = trackSecretFiles(build);
      const seen = new Set<Located<string>>();
      for (const file of finalFiles) {
        if (seen.has(file.origin)) continue;
        seen.add(file.origin);
        const data = { keyword: file.instruction.keyword, file: file.origin.value };
        if (file.via) ctx.report({ messageId: 'carried', data: { ...data, stage: file.stageName, line: file.via.loc.startLine }, loc: file.origin.loc });
        else if (file.removedBy) ctx.report({ messageId: 'removed', data: { ...data, line: file.removedBy.loc.startLine }, loc: file.origin.loc });
        else ctx.report({ messageId: 'shipped', data, loc: file.origin.loc });
      }
    }
  },
});

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
        const script = runScript(instruction);
        if (!/\brm\b/.test(script)) continue;
        for (const f of files) {
          if (!f.removedBy && script.includes(posix.basename(f.path))) f.removedBy = instruction;
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
    if (isSecretFile(src.value)) out.push({ origin: src, instruction, stageName, path: target(src.value) });
  }
  return out;
}

/** True when copying `src` (a file, a directory or a glob) copies the file at `path`. */
function covers(src: string, path: string): boolean {
  if (/[*?[]/.test(src)) return picomatch.isMatch(path, src, { dot: true }) || picomatch.isMatch(path, `${src}/**`, { dot: true });
  const dir = src.replace(/\/+$/, '');
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}
