/**
 * secret-in-build-arg: build arguments are not secret. Their values are recorded
 * in the image history of every RUN that sees them and in any ENV fed from them,
 * so anyone who can pull the image can read them.
 */
import { defineRule } from './rule.js';
import { secretArgReports } from './support/containerfile-secret-args.js';

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
      for (const report of secretArgReports(build)) ctx.report(report);
    }
    // IMG: history entries are judged from the image model (the image half of this rule).
  },
});
