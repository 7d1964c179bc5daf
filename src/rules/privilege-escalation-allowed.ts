/**
 * privilege-escalation-allowed: without no-new-privileges a process can gain
 * privileges through setuid binaries or file capabilities after it starts.
 */
import { defineRule } from './rule.js';
import { spell } from './support/vocabulary.js';
import { isWindowsPod } from './support/pod-os.js';
import { containerSubject } from './support/subject.js';

export default defineRule({
  id: 'privilege-escalation-allowed',
  title: 'Privilege escalation is not prevented',
  severity: 'high',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'The no_new_privs bit stops a process and its children from gaining privileges through setuid/setgid binaries or file capabilities; without it, a non-root process that finds such a binary in the image can become root.',
  remedy: 'Set no-new-privileges: `allowPrivilegeEscalation: false` (Kubernetes, per container), `security_opt: [no-new-privileges:true]` (Compose), `--security-opt no-new-privileges` (run), `NoNewPrivileges=true` (Quadlet).',
  references: [
    { title: 'CIS Docker Benchmark 5.25: Ensure that the container is restricted from acquiring additional privileges' },
    { title: 'CIS Kubernetes Benchmark 5.2.5: Minimize the admission of containers with allowPrivilegeEscalation' },
    { title: 'Pod Security Standards (Restricted): Privilege Escalation', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #4 - Prevent in-container privilege escalation', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    unset: '{{subject}} does not set no-new-privileges: set {{fix}}.',
    allowed: '{{subject}} explicitly allows privilege escalation: set {{fix}}.',
  },
  fix: {
    automatic: true,
    effect: "Sets no-new-privileges where it is unset: `allowPrivilegeEscalation: false` on each container (K8S), `no-new-privileges:true` in `security_opt` (CMP), `--security-opt=no-new-privileges` (RUN), `NoNewPrivileges=true` (QL). An explicit `allowPrivilegeEscalation: true` or `no-new-privileges:false` is left for a decision.",
    risk: "setuid programs (`sudo`, `ping` without file capabilities) stop gaining privileges; a program that relies on them fails with a permission error.",
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // Windows pods may not set Linux security fields: the API rejects them.
      if (isWindowsPod(c.workload)) continue;
      const nnp = c.noNewPrivileges;
      if (nnp?.dynamic || nnp?.value === true) continue;
      const data = { subject: containerSubject(c), fix: spell('noNewPrivileges', c.input) };
      if (nnp) ctx.report({ messageId: 'allowed', data, loc: nnp.loc, target: c });
      else ctx.report({ messageId: 'unset', data, loc: c.loc, target: c });
    }
  },
});
