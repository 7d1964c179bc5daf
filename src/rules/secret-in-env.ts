/**
 * secret-in-env: a literal secret in an environment variable is written into the
 * file, the image config or the pod spec, and is readable by anyone who can
 * inspect the container, read /proc/<pid>/environ or see crash dumps and logs.
 */
import { defineRule } from './rule.js';
import { redact, secretReason } from '../secrets/secret-detection.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'secret-in-env',
  title: 'Literal secret in an environment variable',
  severity: 'critical',
  inputs: ['K8S', 'CMP', 'RUN', 'QL', 'DF', 'IMG'],
  rationale:
    'Environment variables are copied into child processes, shown by `inspect` and `kubectl describe`, kept in image configs and history, and often end up in logs and error reports; a secret written there in clear is as public as the file that holds it.',
  remedy: 'Remove the literal value; mount the secret as a file from a secret store (a Kubernetes Secret volume, Compose/Podman secrets) and point the program at it (`*_FILE` variables).',
  references: [
    { title: 'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles' },
    { title: 'CIS Kubernetes Benchmark 5.4.1: Prefer using Secrets as files over Secrets as environment variables' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Secrets' },
    { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
  ],
  messages: {
    literal: '{{subject}}: environment variable {{name}} holds a literal secret ({{redacted}}): {{reason}}. Use {{fix}} instead.',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      for (const env of c.env) {
        const value = env.value;
        if (!value || value.dynamic || env.reference || env.secretRef) continue;
        const reason = secretReason(env.name.value, value.value);
        if (!reason) continue;
        ctx.report({
          messageId: 'literal',
          data: { name: env.name.value, subject: containerSubject(c), redacted: redact(value.value), reason, fix: spell('secretFile', c.input) },
          loc: value.loc,
          // A Compose value interpolated from `.env` is reported where it is written,
          // in `.env`; the entry that takes it is related.
          ...(value.loc.file !== env.loc.file && c.input === 'CMP' && { related: [{ message: `${env.name.value} takes this value here`, location: env.loc }] }),
          target: c,
        });
      }
    }
  },
});
