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
