/**
 * user-not-numeric: the kubelet checks `runAsNonRoot` against the image's UID; a
 * user given by name cannot be checked, so the pod is refused.
 */
import { defineRule } from './rule.js';
import { containerSubject } from './support/subject.js';
import { userPart } from './support/user.js';

export default defineRule({
  id: 'user-not-numeric',
  title: 'Final user is a name, not a numeric UID',
  severity: 'medium',
  inputs: ['DF', 'IMG'],
  rationale:
    'Kubernetes cannot tell whether a user name maps to UID 0 without reading the image\'s /etc/passwd, so a pod with `runAsNonRoot: true` refuses to start on an image whose user is a name; a numeric UID also does not depend on the passwd file of the base image.',
  remedy: 'Use a numeric UID (and GID): `USER 10001:10001`.',
  references: [
    { title: 'Pod Security Standards (Restricted): Running as Non-root', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'CIS Docker Benchmark 4.1: Ensure that a user for the container has been created' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #2 - Set a user', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    named: 'The final user of {{subject}} is the name "{{user}}": Kubernetes cannot verify runAsNonRoot against a name; use a numeric UID such as `USER 10001:10001`.',
  },
  fix: {
    automatic: true,
    effect:
      "Only where the UID is known (DF): `USER app` becomes `USER 10001` when a `useradd`/`adduser` in the final stage's build gives `app` the UID 10001 (`-u`/`--uid`), or `USER nonroot` becomes `USER 65532` on a distroless `nonroot` base; a group written after the colon stays. A user whose UID the Containerfile does not say is left for a decision.",
    risk: 'none for the image itself (the same user by number); a `runAsUser` elsewhere that expected the name is unaffected.',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // No user at all is run-as-root's finding; a variable is unknown.
      if (!c.user || c.user.dynamic) continue;
      const user = userPart(c.user.value);
      if (user === '' || /^\d+$/.test(user)) continue;
      ctx.report({ messageId: 'named', data: { subject: containerSubject(c), user }, loc: c.user.loc, target: c });
    }
  },
});
