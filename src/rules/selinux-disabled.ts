/**
 * selinux-disabled: on SELinux hosts the container type and its random MCS
 * categories are what keep one container out of the host's and other containers'
 * files; switching labelling off, or running as another type, user or role,
 * removes that wall.
 */
import type { SeLinuxSettings } from '../model/container-spec.js';
import type { Located } from '../model/location.js';
import { defineRule } from './rule.js';
import { containerSubject, workloadSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

/** The types the Pod Security Standards' Baseline allows; all stay confined. */
export const CONFINED_TYPES: ReadonlySet<string> = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** An empty string is the same as not set, as in Kubernetes' own validation. */
function isSet(v: Located<string> | undefined): v is Located<string> {
  return v !== undefined && !v.dynamic && v.value.trim() !== '';
}

export default defineRule({
  id: 'selinux-disabled',
  title: 'SELinux separation switched off or overridden',
  severity: 'high',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    "SELinux gives each container the container_t type and its own MCS categories, which stop it from reading or writing host files and other containers' volumes even after an escape from the namespace sandbox. Disabling labels, or choosing an unconfined type such as spc_t or another SELinux user or role, switches that protection off.",
  remedy:
    'Remove label=disable / SecurityLabelDisable; if the workload needs a different policy, write a confined type for it (container_t and its siblings, or a udica-generated one) instead of an unconfined type, and leave the SELinux user and role alone.',
  references: [
    { title: 'CIS Docker Benchmark 5.2: Ensure that, if applicable, SELinux security options are set' },
    { title: 'Pod Security Standards (Baseline): SELinux', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security (SELinux, AppArmor, seccomp)' },
  ],
  messages: {
    disabled: 'SELinux separation is switched off for {{subject}} ({{setting}}): remove it so the container runs confined.',
    type: '{{subject}} runs with SELinux type "{{value}}", which is not a confined container type: use container_t (or container_init_t, container_kvm_t, container_engine_t).',
    userOrRole: '{{subject}} sets the SELinux {{field}} to "{{value}}": remove it; only the type and level of a container may be chosen.',
  },
  check(ctx) {
    // Where a container inherits the pod's options, the finding is the container's;
    // pod-level options every container overrides are still judged, once, for the pod.
    const judged = new Set<string>();
    const at = (v: Located<string>): string => `${v.loc.file}:${v.loc.startLine}:${v.loc.startColumn}`;
    for (const c of ctx.containers()) {
      const se = c.seLinux;
      const subject = containerSubject(c);
      if (se.disabled?.value === true && !se.disabled.dynamic) {
        ctx.report({ messageId: 'disabled', data: { subject, setting: spell('selinuxDisable', c.input) }, loc: se.disabled.loc, target: c });
      }
      for (const v of [se.type, se.user, se.role]) if (v) judged.add(at(v));
      reportOptions(se, subject, (r) => ctx.report({ ...r, target: c }));
    }
    for (const w of ctx.workloads()) {
      if (!w.seLinux) continue;
      const own: SeLinuxSettings = {};
      for (const key of ['type', 'user', 'role'] as const) {
        const v = w.seLinux[key];
        if (v && !judged.has(at(v))) own[key] = v;
      }
      reportOptions(own, `${workloadSubject(w)} (pod level, which labels the pod and its volumes)`, (r) => ctx.report({ ...r, target: w }));
    }
  },
});

type OptionReport = { messageId: 'type' | 'userOrRole'; data: Record<string, string>; loc: Located<string>['loc'] };

function reportOptions(se: SeLinuxSettings, subject: string, report: (r: OptionReport) => void): void {
  if (isSet(se.type) && !CONFINED_TYPES.has(se.type.value.trim())) {
    report({ messageId: 'type', data: { subject, value: se.type.value }, loc: se.type.loc });
  }
  for (const [field, v] of [['user', se.user], ['role', se.role]] as const) {
    if (isSet(v)) report({ messageId: 'userOrRole', data: { subject, field, value: v.value }, loc: v.loc });
  }
}
