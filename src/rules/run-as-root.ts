/**
 * run-as-root: a process running as UID 0 in a container is root on the host's
 * kernel; any escape, writable host mount or capability becomes host root.
 */
import { defineRule } from './rule.js';
import { spell } from './support/vocabulary.js';
import { containerSubject } from './support/subject.js';
import { rootVerdict } from './support/user.js';

export default defineRule({
  id: 'run-as-root',
  title: 'Container runs as root',
  severity: 'high',
  inputs: ['DF', 'K8S', 'CMP', 'RUN', 'QL', 'IMG'],
  rationale:
    'UID 0 inside a container is UID 0 on the host kernel unless user namespaces remap it; a container breakout, a writable host mount or a leftover capability then acts as host root.',
  remedy: 'Run as a dedicated non-root numeric user: `USER 10001:10001` in the Containerfile, and `runAsNonRoot: true` with `runAsUser` in Kubernetes, `user:` in Compose, `--user` on the command line, `User=` in Quadlet.',
  references: [
    { title: 'CIS Docker Benchmark 4.1: Ensure that a user for the container has been created' },
    { title: 'CIS Kubernetes Benchmark 5.2.6: Minimize the admission of root containers' },
    { title: 'Pod Security Standards (Restricted): Running as Non-root', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Use containers built to run applications as non-root users' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #2 - Set a user', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    unset: '{{subject}} does not require a non-root user, so it can run as root: set {{fix}}.',
    root: '{{subject}} runs as root (user "{{user}}"): set {{fix}}.',
  },
  fix: {
    automatic: true,
    effect: "Runs as a numeric non-root user where none is set: pod `runAsNonRoot: true`, `runAsUser`/`runAsGroup` (K8S; skipped when a container asks for UID 0), `user: \"10001:10001\"` (CMP), `--user=10001:10001` (RUN), `User=`/`Group=` (QL), `USER 10001:10001` in a final stage without `USER` (DF), before its trailing `CMD`/`ENTRYPOINT`. The IDs are the image's own numeric user where it is known — a `useradd -u N` in the final stage (DF), or a base image whose documented default user is numeric (`nginxinc/nginx-unprivileged` 101:101, distroless `:nonroot` 65532:65532; for K8S only when every container of the pod has the same one) — and otherwise `--uid`/`--gid` (default 10001). A `USER root`, `user: root` or `runAsUser: 0` written on purpose is left for a decision.",
    risk: "files the image made for another user (or for root) may be unreadable or unwritable for the new UID; a program that binds a port below 1024 or changes users fails; check the image's own user first.",
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const verdict = rootVerdict(c);
      if (verdict.root !== true) continue;
      const data = { subject: containerSubject(c), fix: spell('user', c.input) };
      if (verdict.unset) ctx.report({ messageId: 'unset', data, loc: verdict.loc, target: c });
      else ctx.report({ messageId: 'root', data: { ...data, user: c.user?.value ?? '' }, loc: verdict.loc, target: c });
    }
  },
});
