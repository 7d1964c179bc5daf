/**
 * namespace-without-pod-security: Pod Security Admission only enforces a level in
 * namespaces labelled for it. Without the `enforce` label any pod, privileged ones
 * included, is admitted (unless the cluster sets a default, which a manifest
 * cannot show).
 */
import { defineRule } from './rule.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ADVISORY = ['pod-security.kubernetes.io/warn', 'pod-security.kubernetes.io/audit'];

export default defineRule({
  id: 'namespace-without-pod-security',
  title: 'Namespace without an enforced Pod Security level',
  severity: 'low',
  inputs: ['K8S'],
  crossFile: true,
  rationale:
    "Pod Security Admission is Kubernetes' built-in guard against privileged, host-namespace and hostPath pods, but it enforces a level only in namespaces labelled with one; an unlabelled namespace admits every pod the API accepts.",
  remedy:
    'Label the namespace `pod-security.kubernetes.io/enforce: restricted` (or `baseline` where restricted is not yet possible), optionally with `enforce-version`, and use `warn`/`audit` labels to try a stricter level first.',
  references: [
    { title: 'CIS Kubernetes Benchmark 5.2.1: Ensure that the cluster has at least one active policy control mechanism in place' },
    { title: 'Pod Security Admission', url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' },
    { title: 'Pod Security Standards', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security (admission control)' },
  ],
  messages: {
    missing: 'Namespace "{{name}}" has no {{label}} label, so Pod Security Admission admits any pod: add {{label}}: restricted (or baseline).',
    advisoryOnly:
      'Namespace "{{name}}" only warns or audits ({{present}}) and has no {{label}} label, so violating pods are still admitted: add {{label}}: restricted (or baseline).',
  },
  check(ctx) {
    for (const ns of ctx.kubeObjects('Namespace')) {
      if (ns.labels[ENFORCE] !== undefined) continue;
      const present = ADVISORY.filter((l) => ns.labels[l] !== undefined);
      ctx.report({
        messageId: present.length ? 'advisoryOnly' : 'missing',
        data: { name: ns.name ?? '(unnamed)', label: ENFORCE, present: present.map((l) => `${l}: ${ns.labels[l]}`).join(', ') },
        loc: ns.loc,
        resource: { kind: 'Namespace', ...(ns.name !== undefined && { name: ns.name }) },
      });
    }
  },
});
