/**
 * secret-env-reference: a secret from a secret store that is handed over as an
 * environment variable leaks the way any environment does (child processes,
 * /proc, crash reports); a file on a tmpfs does not.
 */
import { defineRule } from './rule.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'secret-env-reference',
  title: 'Secret handed over as an environment variable',
  severity: 'medium',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'Environment variables are inherited by every child process, readable through /proc/<pid>/environ, printed by debugging tools and captured in crash reports; secrets mounted as files on a tmpfs can be permission-restricted and rotated without a restart.',
  remedy: 'Mount the secret as a file (a tmpfs-backed secret volume, `--secret NAME,type=mount`, `Secret=NAME,type=mount`) and have the program read it from there.',
  references: [
    { title: 'CIS Kubernetes Benchmark 5.4.1: Prefer using Secrets as files over Secrets as environment variables' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Secrets' },
    { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
  ],
  messages: {
    variable: '{{subject}}: environment variable {{name}} takes its value from secret "{{secret}}": use {{fix}} instead.',
    whole: '{{subject}} receives secret "{{secret}}" as environment variables: use {{fix}} instead.',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const fix = spell('secretFile', c.input);
      for (const env of c.env) {
        if (!env.secretRef) continue;
        ctx.report({ messageId: 'variable', data: { name: env.name.value, subject: containerSubject(c), secret: env.secretRef.value, fix }, loc: env.loc, target: c });
      }
      for (const secret of c.envFromSecrets) {
        ctx.report({ messageId: 'whole', data: { subject: containerSubject(c), secret: secret.value, fix }, loc: secret.loc, target: c });
      }
    }
  },
});
