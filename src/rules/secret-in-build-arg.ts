/**
 * secret-in-build-arg (DF, IMG): build arguments are recorded in the image's
 * history, so a secret passed as one ships with the image.
 *
 * DF: an `ARG` with a secret-like name (or a credential-shaped default), and an
 * `ENV` fed from one (support/containerfile-secret-args). IMG: history entries
 * that record a secret-like assignment (`|1 API_TOKEN=… /bin/sh -c …`, `ARG API_TOKEN=…`).
 */
import type { ImageSpec } from '../model/image-spec.js';
import type { RuleContext } from './rule.js';
import { defineRule } from './rule.js';
import { secretArgReports, type SecretArgMessage } from './support/containerfile-secret-args.js';
import { imageResource, relatedInstruction } from './support/image-findings.js';
import { isSecretName } from '../secrets/secret-detection.js';

type Messages = 'historyArg' | SecretArgMessage;

export default defineRule<Messages>({
  id: 'secret-in-build-arg',
  title: 'Secret passed as a build argument',
  severity: 'high',
  inputs: ['DF', 'IMG'],
  rationale:
    'Build arguments are written into the image history (`docker history`, the config blob) in clear, so a password or token passed with --build-arg ships to everyone who can pull the image.',
  remedy: 'Pass build-time secrets with `RUN --mount=type=secret,id=…` (buildah/podman/buildkit `--secret`), which never records them.',
  references: [
    { title: 'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles' },
    { title: 'NIST SP 800-190 4.1.4: Embedded clear text secrets' },
    { title: 'Docker documentation: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #12 - Utilize Docker Secrets for Sensitive Data Management', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    historyArg: 'History step {{step}} records build argument {{name}} with a value ({{value}}) in the image.',
    arg: 'Build argument {{name}} looks like a secret; its value is recorded in the image history and build provenance: use `RUN --mount=type=secret,id={{id}}` instead.',
    argValue: 'Build argument {{name}} has a default with the shape of {{kind}}, recorded in the image history and build provenance: use `RUN --mount=type=secret` instead.',
    env: 'ENV {{env}} stores the secret build argument {{name}} in the image config: use `RUN --mount=type=secret,id={{id}}` where the secret is needed instead.',
  },
  check(ctx) {
    for (const build of ctx.builds()) {
      for (const report of secretArgReports(build)) ctx.report(report);
    }
    for (const image of ctx.images()) checkHistory(ctx, image);
  },
});

function checkHistory(ctx: RuleContext<Messages>, image: ImageSpec): void {
  image.history.forEach((step, index) => {
    for (const { name, value } of recordedArgs(step.createdBy)) {
      if (!value || !isSecretName(name)) continue;
      ctx.report({
        messageId: 'historyArg',
        data: { step: index, name, value: redact(value) },
        loc: image.loc,
        resource: imageResource(image, undefined, step.layerIndex),
        ...(step.layerIndex !== undefined ? relatedInstruction(image, step.layerIndex) : {}),
      });
    }
  });
}

/**
 * Assignments a history entry records: the `|N A=1 B=2` prefix that docker,
 * buildah and buildkit put before a RUN's command, and `ARG NAME=value`.
 */
export function recordedArgs(createdBy: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const run = /^\s*(?:RUN\s+)?\|(\d+)\s+(.*)$/s.exec(createdBy);
  if (run) {
    const words = run[2]!.split(/\s+/);
    for (const word of words.slice(0, Number(run[1]))) {
      const eq = word.indexOf('=');
      if (eq > 0) out.push({ name: word.slice(0, eq), value: word.slice(eq + 1) });
    }
  }
  for (const m of createdBy.matchAll(/(?:^|\s|#\(nop\)\s*)ARG\s+([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)) {
    out.push({ name: m[1]!, value: m[2]!.replace(/^["']|["']$/g, '') });
  }
  return out;
}

/** Never the value: only that there is one, and how long. */
function redact(value: string): string {
  return `redacted, ${value.length} characters`;
}
