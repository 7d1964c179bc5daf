/**
 * writable-host-mount: a writable bind mount is a door from the container into the
 * host's filesystem; whatever is written there outlives the container and may be
 * read or executed by the host.
 */
import { defineRule } from './rule.js';
import { mountLocation, reportGrouped, type Verdict } from './support/grouped-reports.js';
import { isReadOnly } from './support/mount-options.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'writable-host-mount',
  title: 'Host path mounted writable',
  severity: 'medium',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'A compromised container can change files on the host through a writable host mount: plant binaries or configuration the host later runs, or tamper with data other workloads trust. Read-only mounts keep the data available without that risk.',
  remedy: 'Mount host paths read-only; write to a volume owned by the container (or a tmpfs) instead.',
  references: [
    { title: 'CIS Docker Benchmark 5.5: Ensure sensitive host system directories are not mounted on containers' },
    { title: 'CIS Kubernetes Benchmark 5.2.12: Minimize the admission of HostPath volumes' },
    { title: 'Pod Security Standards (Baseline): HostPath Volumes', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Use immutable container file systems' },
  ],
  messages: {
    writable: '{{subject}} {{mounts}} the host path {{path}} writable at {{target}}: make it read-only ({{setting}}).',
    explicit: '{{subject}} {{mounts}} the host path {{path}} at {{target}} explicitly writable: make it read-only ({{setting}}).',
    socket: '{{subject}} {{mounts}} the socket {{path}} writable at {{target}}; read-only would not help, since a socket stays usable through a read-only mount: remove the mount.',
  },
  check(ctx) {
    const verdicts: Verdict<'writable' | 'explicit' | 'socket'>[] = [];
    for (const c of ctx.containers()) {
      for (const m of c.mounts) {
        if (m.kind !== 'host' || isReadOnly(m) !== false) continue;
        // Podman's `:O` mounts the directory as the lower layer of an overlay: writes go to a
        // throw-away upper layer, never to the host.
        if (c.input !== 'K8S' && (m.options ?? []).some((o) => o.value === 'O')) continue;
        const explicit = m.readOnly !== undefined;
        // A read-only mount of a socket still lets the container connect: the usual advice would mislead.
        const socket = m.source !== undefined && /\.sock$/i.test(m.source.value.trim().replace(/\/+$/, ''));
        const target = m.target?.value ?? '(unknown path)';
        verdicts.push({
          messageId: socket ? 'socket' : explicit ? 'explicit' : 'writable',
          data: { path: m.source?.value ?? '(unknown path)', target, setting: spell('readOnlyMount', c.input) },
          // The same span as every other finding about this mount; where the
          // container mounts a shared volume (and read-only goes) is related.
          loc: mountLocation(m),
          target: c,
          usedAt: { message: `${containerSubject(c)} mounts it writable at ${target}`, location: m.readOnly?.loc ?? m.loc },
        });
      }
    }
    reportGrouped(ctx, verdicts, { mounts: ['mounts', 'mount'] });
  },
});
