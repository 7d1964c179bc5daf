/**
 * privileged-container: privileged mode gives the container every capability and
 * the host's devices; it is a root shell on the host away.
 */
import { containerSubject } from './support/subject.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'privileged-container',
  title: 'Container runs in privileged mode',
  severity: 'critical',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'A privileged container gets all capabilities, every host device and no seccomp or LSM confinement, so an escape from it is an escape to the host.',
  remedy: 'Remove privileged mode; add only the specific capability or device the workload needs.',
  references: [
    { title: 'CIS Docker Benchmark 5.4: Ensure that privileged containers are not used' },
    { title: 'Pod Security Standards (Baseline): Privileged Containers', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security' },
  ],
  messages: {
    privileged: '{{subject}} runs privileged: it has full access to the host.',
  },
  fix: {
    automatic: false,
    effect: "Never fixed automatically: the finding is listed as needing a decision.",
    risk: "a privileged workload usually needs some of what privileged mode gives (devices, capabilities); removing it without knowing which breaks it.",
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.privileged?.value === true && !c.privileged.dynamic) {
        ctx.report({ messageId: 'privileged', data: { subject: containerSubject(c) }, loc: c.privileged.loc, target: c });
      }
    }
  },
});
