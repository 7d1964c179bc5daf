/**
 * seccomp-unconfined: seccomp is the filter that keeps most of the kernel's
 * system calls, and with them most kernel exploits, out of a container's reach.
 */
import type { InputKind } from '../model/input-kind.js';
import { defineRule } from './rule.js';
import { isWindowsPod } from './support/pod-os.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

/**
 * Inputs whose default is no seccomp at all. Kubernetes runs containers
 * Unconfined unless a profile is set (or the kubelet is started with
 * --seccomp-default, which a manifest cannot count on); Docker and Podman apply
 * their default profile when nothing is said.
 */
const UNCONFINED_BY_DEFAULT: ReadonlySet<InputKind> = new Set(['K8S']);

export default defineRule({
  id: 'seccomp-unconfined',
  title: 'seccomp is switched off',
  severity: 'high',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'Without a seccomp profile a container can make every system call the kernel offers, including the rarely needed ones (keyctl, bpf, unshare, kernel module and mount calls) through which most container escapes and kernel exploits go. The runtimes\' default profile blocks them at no cost to ordinary applications.',
  remedy:
    'Use the runtime default profile: in Kubernetes set `seccompProfile.type: RuntimeDefault` (or `Localhost` with a tailored profile) on the pod or container; elsewhere drop `seccomp=unconfined`.',
  references: [
    { title: 'CIS Docker Benchmark 5.21: Ensure the default seccomp profile is not Disabled' },
    { title: 'CIS Kubernetes Benchmark 5.7.2: Ensure that the seccomp profile is set to docker/default in your pod definitions' },
    { title: 'Pod Security Standards (Baseline and Restricted): Seccomp', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security (seccomp)' },
  ],
  messages: {
    unconfined: '{{subject}} runs without seccomp ({{setting}}): {{fix}}.',
    notSet: '{{subject}} sets no seccomp profile, so it runs Unconfined: set {{fix}} on the pod or the container.',
  },
  fix: {
    automatic: true,
    effect: "K8S only, and only when nothing is set: `securityContext.seccompProfile.type: RuntimeDefault` on the pod (on each container when another container's finding is suppressed). An explicit `Unconfined` (any input) is left for a decision.",
    risk: "the runtime's default profile blocks rarely used system calls (kernel keyrings, `ptrace` of other processes, `unshare` of namespaces); a program that needs one fails with EPERM.",
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const profile = c.seccompProfile;
      if (profile?.dynamic) continue;
      const subject = containerSubject(c);
      // `seccompProfile: {}` without a type is no profile either.
      if (profile === undefined || profile.value.trim() === '') {
        // Windows has no seccomp; the Pod Security Standards exempt Windows pods.
        if (UNCONFINED_BY_DEFAULT.has(c.input) && !isWindowsPod(c.workload)) {
          ctx.report({ messageId: 'notSet', data: { subject, fix: spell('seccomp', c.input) }, loc: profile?.loc ?? c.loc, target: c });
        }
        continue;
      }
      if (profile.value.trim().toLowerCase() !== 'unconfined') continue;
      const fix = UNCONFINED_BY_DEFAULT.has(c.input)
        ? `set ${spell('seccomp', c.input)} instead`
        : 'remove it so the default profile applies, or name a profile file';
      ctx.report({ messageId: 'unconfined', data: { subject, setting: spell('seccompUnconfined', c.input), fix }, loc: profile.loc, target: c });
    }
  },
});
