/**
 * The Containerfile half of secret-in-build-arg: `ARG`s with secret-like names
 * (or credential-shaped defaults), and `ENV`s fed from such an ARG.
 */
import type { BuildSpec, Instruction } from '../../model/build-spec.js';
import type { Location } from '../../model/location.js';
import { isSecretName, secretValueKind } from '../../secrets/secret-detection.js';

/** Message ids of the Containerfile findings (the rule's `messages` must have them). */
export type SecretArgMessage = 'arg' | 'argValue' | 'env';

export interface SecretArgReport {
  messageId: SecretArgMessage;
  data: Record<string, string>;
  loc: Location;
}

/**
 * One report per secret-like ARG and per ENV that stores one.
 *
 * @example
 * secretArgReports(build).map((r) => r.messageId); // ['arg', 'env'] for ARG DB_PASSWORD + ENV X=$DB_PASSWORD
 */
export function secretArgReports(build: BuildSpec): SecretArgReport[] {
  const out: SecretArgReport[] = [];
  // Secret-like ARG names seen so far; an ENV in any later stage may use them.
  const secretArgs = new Set<string>();
  const visit = (instruction: Instruction): void => {
    if (instruction.keyword === 'ARG') {
      for (const pair of instruction.pairs ?? []) {
        const name = pair.name.value;
        if (isSecretName(name)) {
          secretArgs.add(name);
          out.push({ messageId: 'arg', data: { name, id: name.toLowerCase() }, loc: pair.name.loc });
          continue;
        }
        const kind = pair.value && !pair.value.dynamic ? secretValueKind(pair.value.value) : undefined;
        if (kind) out.push({ messageId: 'argValue', data: { name, kind }, loc: pair.value!.loc });
      }
    } else if (instruction.keyword === 'ENV' && secretArgs.size > 0) {
      for (const pair of instruction.pairs ?? []) {
        const ref = pair.value ? referencedArg(pair.value.value, secretArgs) : undefined;
        if (ref) out.push({ messageId: 'env', data: { env: pair.name.value, name: ref, id: ref.toLowerCase() }, loc: pair.value!.loc });
      }
    }
  };
  build.globalArgs.forEach(visit);
  for (const stage of build.stages) stage.instructions.forEach(visit);
  return out;
}

/** The first secret ARG that a value references (`$NAME`, `${NAME}`, `${NAME:-x}`). */
function referencedArg(value: string, secretArgs: ReadonlySet<string>): string | undefined {
  for (const m of value.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    const ref = m[1] ?? m[2]!;
    if (secretArgs.has(ref)) return ref;
  }
  return undefined;
}
