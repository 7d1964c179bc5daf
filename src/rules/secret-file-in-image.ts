/**
 * secret-file-in-image: a key or credentials file copied into the image is in a
 * layer for good; deleting it in a later step hides it from the final filesystem
 * but not from anyone who extracts the layers.
 *
 * DF: copies are followed through the stages (support/containerfile-secret-files);
 * a builder stage whose copied output does not carry the secret is fine.
 * IMG is judged from the image's layer index.
 */
import { defineRule } from './rule.js';
import { secretCopyReports } from './support/containerfile-secret-files.js';

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
      for (const report of secretCopyReports(build)) ctx.report(report);
    }
    // IMG: judged from the image's layer index (the image half of this rule).
  },
});
