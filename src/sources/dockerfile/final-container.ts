/**
 * The final stage of a Containerfile seen as the container it will run: base image,
 * user, environment and exposed ports, inherited through `FROM <earlier stage>`,
 * so that container rules (run-as-root, secret-in-env, privileged-port) apply to
 * Containerfiles as they do to Kubernetes or Compose.
 */
import { finalStage, stageChain, type BuildSpec, type Instruction, type Stage } from '../../model/build-spec.js';
import { emptyContainer, type ContainerSpec, type EnvVar, type PortSpec } from '../../model/container-spec.js';
import { located, type Located } from '../../model/location.js';
import type { ResourceRef } from '../../model/resource.js';
import type { Workload } from '../../model/workload.js';
import { defineArgs, expandKnown, expandLocated } from './build-model.js';
import { expandShellWord, type EnvLookup } from './shell-lexer.js';

const PURE_REFERENCE = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[^{}]+\})$/;
const PORT = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/;

/** The stage's display name in findings: its `AS` name, or `stage N`. */
export function stageLabel(stage: Stage): string {
  return stage.name?.value ?? `stage ${stage.index}`;
}

/**
 * One workload (kind `Containerfile`) with one container describing the final stage.
 *
 * @example
 * const workload = finalStageWorkload(build, 'Containerfile');
 * workload.containers[0].user?.value; // '10001' (the last USER, inherited from base stages)
 */
export function finalStageWorkload(build: BuildSpec, fileName: string): Workload | undefined {
  const final = finalStage(build);
  if (!final) return undefined;
  const chain = stageChain(build, final).reverse();
  const root = chain[0]!;
  const resource: ResourceRef = { kind: 'Containerfile', name: fileName, container: stageLabel(final) };
  const workload: Workload = {
    input: 'DF',
    file: build.file,
    loc: final.from.loc,
    kind: 'Containerfile',
    name: fileName,
    labels: {},
    annotations: {},
    containers: [],
  };
  const container = emptyContainer('DF', final.from.loc, resource, workload);
  container.image = root.base;
  if (final.name) container.name = final.name;

  const globalEnv = new Map<string, string>();
  for (const arg of build.globalArgs) defineArgs(arg, globalEnv, globalEnv);
  // ENV carries over to stages built on this one; ARGs do not.
  const env = new Map<string, string>();
  const vars = new Map<string, EnvVar>();
  for (const stage of chain) {
    const args = new Map<string, string>();
    // ENV wins over an ARG of the same name, as at build time.
    const scope: EnvLookup = { get: (name) => env.get(name) ?? args.get(name) };
    for (const instruction of stage.instructions) {
      switch (instruction.keyword) {
        case 'ARG':
          declareArgs(instruction, args, globalEnv, scope);
          break;
        case 'ENV':
          for (const pair of instruction.pairs ?? []) {
            if (!pair.value) continue;
            const variable = envVar(pair.name, pair.value, pair.loc);
            vars.delete(pair.name.value);
            vars.set(pair.name.value, variable);
            const known = expandKnown(pair.value.value, scope);
            if (known === undefined) env.delete(pair.name.value);
            else env.set(pair.name.value, known);
          }
          break;
        case 'LABEL':
          for (const pair of instruction.pairs ?? []) {
            workload.labels[unquote(pair.name.value)] = pair.value ? unquote(pair.value.value) : '';
          }
          break;
        case 'USER':
          setUser(container, instruction, scope);
          break;
        case 'EXPOSE':
          for (const word of instruction.args) {
            const port = portSpec(expandLocated(word, scope));
            if (port) container.ports.push(port);
          }
          break;
      }
    }
  }
  container.env = [...vars.values()];
  workload.containers.push(container);
  return workload;
}

/** `ARG name[=default]` inside a stage; a bare `ARG name` brings in the global default. */
function declareArgs(instruction: Instruction, args: Map<string, string>, globalEnv: ReadonlyMap<string, string>, scope: EnvLookup): void {
  for (const pair of instruction.pairs ?? []) {
    const name = pair.name.value;
    const inherited = globalEnv.get(name);
    if (pair.value === undefined && inherited !== undefined) args.set(name, inherited);
    else defineArgs({ ...instruction, pairs: [pair] }, args, scope);
  }
}

function setUser(container: ContainerSpec, instruction: Instruction, scope: EnvLookup): void {
  const written = instruction.args[0];
  if (!written) return;
  const user = expandLocated(written, scope);
  container.user = user;
  delete container.group;
  const colon = user.value.indexOf(':');
  if (colon < 0) return;
  const { loc } = written;
  // Locate the group exactly when the text was not changed by expansion.
  const groupLoc = user.value === written.value && loc.startLine === loc.endLine ? { ...loc, startColumn: loc.startColumn + colon + 1 } : loc;
  container.group = located(user.value.slice(colon + 1), groupLoc, user.dynamic);
}

function envVar(name: Located<string>, value: Located<string>, loc: EnvVar['loc']): EnvVar {
  // Quotes and escapes are removed as at build time; variable references stay as written.
  const text = unquote(value.value);
  const variable: EnvVar = { loc, name, value: located(text, value.loc) };
  if (PURE_REFERENCE.test(text)) variable.reference = true;
  return variable;
}

function unquote(text: string): string {
  try {
    return expandShellWord(text, new Map(), { skipUnset: true }).word;
  } catch {
    return text;
  }
}

function portSpec(word: Located<string>): PortSpec | undefined {
  if (word.dynamic) return { loc: word.loc, containerPort: located(0, word.loc, true) };
  const match = PORT.exec(word.value);
  if (!match) return undefined;
  // A range `8000-8010` is represented by its first (lowest) port.
  const port: PortSpec = { loc: word.loc, containerPort: located(Number(match[1]), word.loc) };
  if (match[3]) port.protocol = match[3].toLowerCase();
  return port;
}
