/**
 * dangerous-capability: a few capabilities (SYS_ADMIN above all) are each close
 * to full root on the host: mount, kernel modules, raw devices, tracing others.
 */
import { defineRule } from './rule.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'dangerous-capability',
  title: 'Container adds a dangerous capability',
  severity: 'high',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, NET_ADMIN or DAC_READ_SEARCH each open a known path out of the container (mounting filesystems, loading kernel modules, reading other processes\' memory, bypassing file permissions); NET_RAW allows spoofing on the node network.',
  remedy: 'Remove the capability; if the workload truly needs the privilege, isolate it (its own node, a sandboxed runtime) and document why.',
  references: [
    { title: 'CIS Docker Benchmark 5.3: Ensure that Linux kernel capabilities are restricted within containers' },
    { title: 'CIS Kubernetes Benchmark 5.2.8: Minimize the admission of containers with the NET_RAW capability' },
    { title: 'Pod Security Standards (Baseline): Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security' },
  ],
  messages: {
    dangerous: '{{subject}} adds the dangerous capability {{capability}}: remove it from {{setting}}.',
  },
  check(ctx) {
    const dangerous = new Set(ctx.settings.dangerousCapabilities.map(normalise));
    for (const c of ctx.containers()) {
      for (const cap of c.capAdd) {
        if (cap.dynamic) continue;
        const name = normalise(cap.value);
        if (!dangerous.has(name)) continue;
        ctx.report({ messageId: 'dangerous', data: { subject: containerSubject(c), capability: name, setting: spell('addCapability', c.input) }, loc: cap.loc, target: c });
      }
    }
  },
});

/** `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` are one capability. */
function normalise(cap: string): string {
  return cap.trim().toUpperCase().replace(/^CAP_/, '');
}
