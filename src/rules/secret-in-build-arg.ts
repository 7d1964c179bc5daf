/**
 * secret-in-build-arg: build arguments are not secret. Their values are recorded
 * in the image history of every RUN that sees them and in any ENV fed from them,
 * so anyone who can pull the image can read them.
 */
import type { Instruction } from '../model/build-spec.js';
import type { Located } from '../model/location.js';
import { defineRule } from './rule.js';
import { isSecretName, secretValueKind } from './support/secret-detection.js';

export default defineRule({
  id: 'secret-in-build-arg',
  title: 'Secret passed as a build argument',
  severity: 'high',
  // IMG: history entries that record such an assignment are judged from the image model.
  inputs: ['DF', 'IMG'],
  rationale:
    '`ARG` values are written into the image history (`docker history`, the config\'s `created_by`) for every RUN that uses them, and an `ENV` fed from one stores the value in the image config; both ship with the image.',
  remedy: 'Pass the secret with `RUN --mount=type=secret,id=NAME` (and `--secret id=NAME,src=…` at build time) so it is never stored in a layer or the history.',
  references: [
    { title: 'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles' },
    { title: 'Docker documentation: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #12 - Utilize Docker Secrets for Sensitive Data Management', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    arg: 'Build argument {{name}} looks like a secret; its value is recorded in the image history: use `RUN --mount=type=secret,id={{id}}` instead.',
    argValue: 'Build argument {{name}} has a default with the shape of {{kind}}, recorded in the image history: use `RUN --mount=type=secret` instead.',
    env: 'ENV {{env}} stores the secret build argument {{name}} in the image config: use `RUN --mount=type=secret,id={{id}}` where the secret is needed instead.',
  },
  check(ctx) {
    for (const build of ctx.builds()) {
      // Secret-like ARG names seen so far; an ENV in any later stage may use them.
      const secretArgs = new Set<string>();
      const visit = (instruction: Instruction): void => {
        if (instruction.keyword === 'ARG') {
          for (const arg of instruction.args) judgeArg(arg, secretArgs, (messageId, data) => ctx.report({ messageId, data, loc: arg.loc }));
        } else if (instruction.keyword === 'ENV') {
          for (const [env, name, loc] of envFromArgs(instruction, secretArgs)) {
            ctx.report({ messageId: 'env', data: { env, name, id: name.toLowerCase() }, loc });
          }
        }
      };
      build.globalArgs.forEach(visit);
      for (const stage of build.stages) stage.instructions.forEach(visit);
    }
  },
});

function judgeArg(arg: Located<string>, secretArgs: Set<string>, report: (messageId: 'arg' | 'argValue', data: Record<string, string>) => void): void {
  const eq = arg.value.indexOf('=');
  const name = eq === -1 ? arg.value : arg.value.slice(0, eq);
  const value = eq === -1 ? '' : arg.value.slice(eq + 1);
  if (isSecretName(name)) {
    secretArgs.add(name);
    report('arg', { name, id: name.toLowerCase() });
    return;
  }
  const kind = value && !arg.dynamic ? secretValueKind(value) : undefined;
  if (kind) report('argValue', { name, kind });
}

/** `[envName, argName, loc]` for each ENV assignment whose value references a secret ARG. */
function envFromArgs(instruction: Instruction, secretArgs: Set<string>): [string, string, Located<string>['loc']][] {
  const out: [string, string, Located<string>['loc']][] = [];
  if (secretArgs.size === 0) return out;
  const args = instruction.args;
  // `ENV KEY VALUE…` (legacy form) names the variable in the first word only.
  const legacy = args.length > 0 && !args[0]!.value.includes('=');
  const envName = (a: Located<string>): string => (legacy ? args[0]!.value : a.value.slice(0, Math.max(0, a.value.indexOf('='))));
  for (const a of legacy ? args.slice(1) : args) {
    const text = legacy ? a.value : a.value.slice(a.value.indexOf('=') + 1);
    for (const m of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
      const ref = m[1] ?? m[2]!;
      if (secretArgs.has(ref)) {
        out.push([envName(a), ref, a.loc]);
        break;
      }
    }
  }
  return out;
}
