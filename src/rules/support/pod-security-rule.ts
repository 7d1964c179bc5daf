/**
 * The two pod-security rules differ only in their level; this builds either.
 */
import { podSecurityChecks, type PodSecurityLevel } from '../../pod-security/index.js';
import type { Location } from '../../model/location.js';
import { defineRule, type RuleDefinition } from '../rule.js';
import { describePolicy, planPodSecurity, severityFor } from './pod-security-plan.js';

type Violation = ReturnType<typeof planPodSecurity>[number];

const PSS_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

export function podSecurityRule(level: PodSecurityLevel): RuleDefinition<'violation' | 'namespaceViolation'> {
  const id = `pod-security-${level}`;
  const checks = podSecurityChecks.filter((c) => (level === 'baseline' ? c.level === 'baseline' : true));
  return defineRule({
    id,
    title: `Pod Security Standard "${level}" violated`,
    severity: 'high',
    inputs: ['K8S'],
    // Namespace labels choose the level unless one is chosen explicitly.
    crossFile: (settings) => settings.podSecurity === undefined,
    rationale:
      level === 'baseline'
        ? 'The Baseline standard blocks the known privilege escalations: host namespaces, privileged mode, host paths and ports, added capabilities, unsafe sysctls. A namespace that enforces it rejects pods that violate it.'
        : 'The Restricted standard is current pod-hardening practice: non-root, no privilege escalation, all capabilities dropped, a seccomp profile, restricted volume types. A namespace that enforces it rejects pods that violate it.',
    remedy: `Change the pod so the named check passes; each message says which field and which containers. Verdicts agree with Kubernetes' Pod Security Admission at the chosen version.`,
    references: [{ title: `Pod Security Standards: ${level[0]!.toUpperCase()}${level.slice(1)}`, url: PSS_URL }, { title: 'Pod Security Admission', url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' }],
    messages: {
      violation: '{{policy}} {{check}}: {{reason}} ({{detail}})',
      namespaceViolation: '{{policy}} {{check}}: {{reason}} ({{detail}}); namespace "{{namespace}}" {{mode}}s this level',
    },
    details: [
      `Off unless a level is chosen: \`seaworthy scan --pod-security ${level}[:v1.N|latest]\`, \`podSecurity: ${level}:v1.29\` in \`.seaworthy.yaml\`, or a scanned Namespace labelled \`pod-security.kubernetes.io/enforce: ${level}\` (also \`warn\` and \`audit\`, reported one and two severities lower; \`-version\` labels pin the policy version). An explicit choice applies to every workload and overrides labels.`,
      '',
      `Versions: \`v1.0\` … \`v1.37\` and \`latest\` (the newest policy). Upstream checks${level === 'restricted' ? ' (Restricted includes Baseline)' : ''}:`,
      '',
      ...checks.map((c) => `- \`${c.id}\` (${c.level}): ${c.title}${c.versions.length > 1 ? ` — policy versions ${c.versions.join(', ')}` : ''}`),
    ].join('\n'),
    check(ctx) {
      // One violation of one workload is reported once, at its first place; the other
      // places that set the same thing (the pod and each container) are related locations.
      const groups = new Map<string, { v: Violation; related: { message: string; location: Location }[] }>();
      for (const v of planPodSecurity(ctx.model, ctx.settings)) {
        if (v.level !== level) continue;
        const key = [v.workload.file, v.workload.kind, v.workload.namespace ?? '', v.workload.name ?? '', v.workload.loc.startLine, v.checkId, v.reason, v.detail, v.namespace ?? '', v.mode].join('\u0000');
        const group = groups.get(key);
        if (group) group.related.push({ message: 'the same violation, also set here', location: v.loc });
        else groups.set(key, { v, related: [] });
      }
      for (const { v, related } of groups.values()) {
        const data = { policy: describePolicy(v.level, v.version), check: v.checkId, reason: v.reason, detail: v.detail };
        const severity = severityFor(v.mode, ctx.severity);
        const extra = related.length ? { related } : {};
        if (v.namespace !== undefined) ctx.report({ messageId: 'namespaceViolation', data: { ...data, namespace: v.namespace, mode: v.mode }, loc: v.loc, target: v.workload, severity, ...extra });
        else ctx.report({ messageId: 'violation', data, loc: v.loc, target: v.workload, severity, ...extra });
      }
    },
  });
}
