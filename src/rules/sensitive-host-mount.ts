/**
 * sensitive-host-mount: some host paths are the host. A container-runtime socket
 * is root on the host with one API call; /etc, /proc, /sys, /dev, the kubelet's
 * and engines' state directories hand over credentials or escape routes, even
 * read-only. Which paths count, and why, is in support/host-paths.ts.
 */
import { defineRule } from './rule.js';
import { mountLocation, reportGrouped, type Verdict } from './support/grouped-reports.js';
import { isReadOnly } from './support/mount-options.js';
import { sensitiveHostPath } from './support/host-paths.js';
import { containerSubject } from './support/subject.js';

export default defineRule({
  id: 'sensitive-host-mount',
  title: 'Container-runtime socket or sensitive host path mounted',
  severity: 'critical',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'A container-runtime socket lets the container start a privileged container of its own, which is root on the host; host directories such as /etc, /proc, /sys, /dev, /root and the kubelet or engine state hold credentials and kernel interfaces that lead out of the container, even when mounted read-only.',
  details:
    'Podman and Docker mask parts of /proc and /sys (`/proc/kcore`, `/proc/keys`, `/proc/timer_list`, `/sys/firmware`…) in every unprivileged container; `--security-opt unmask=…` (Quadlet `Unmask=`, Compose `security_opt`) hands them back, which is a mount of host kernel interfaces by another name and is reported here too.',
  remedy:
    'Do not mount runtime sockets or system directories. Mount only the specific file or directory the workload needs (read-only), use a dedicated volume, or give tools that must drive containers a narrowly scoped API instead of the socket.',
  references: [
    { title: 'CIS Docker Benchmark 5.5: Ensure sensitive host system directories are not mounted on containers' },
    { title: 'CIS Docker Benchmark 5.31: Ensure that the Docker socket is not mounted inside any containers' },
    { title: 'CIS Kubernetes Benchmark 5.2.12: Minimize the admission of HostPath volumes' },
    { title: 'Pod Security Standards (Baseline): HostPath Volumes', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security' },
  ],
  messages: {
    socket: '{{subject}} {{mounts}} {{path}} from the host, which gives {{it}} {{holds}}, read-only or not: remove the mount.',
    containsSocket: '{{subject}} {{mounts}} {{path}} from the host, which contains {{place}} and so {{holds}}: remove the mount.',
    path: '{{subject}} {{mounts}} the sensitive host path {{path}} ({{holds}}): remove it or mount only the file needed, read-only.',
    containsPath: '{{subject}} {{mounts}} the host path {{path}}, which contains {{place}} ({{holds}}): mount only the directory needed, read-only.',
    unmasked:
      '{{subject}} unmasks {{path}}, which the engine hides by default because it exposes the host kernel ({{holds}}): remove that option.',
  },
  check(ctx) {
    const verdicts: Verdict<'socket' | 'containsSocket' | 'path' | 'containsPath'>[] = [];
    for (const c of ctx.containers()) {
      for (const m of c.mounts) {
        if (m.kind !== 'host' || !m.source || m.source.dynamic) continue;
        // Some places are only dangerous when writable; an unknown mode is not read as writable.
        const hit = sensitiveHostPath(m.source.value, isReadOnly(m) !== false);
        if (!hit) continue;
        const messageId = hit.socket ? (hit.contains ? 'containsSocket' : 'socket') : hit.contains ? 'containsPath' : 'path';
        verdicts.push({
          messageId,
          data: { path: m.source.value, place: hit.place, holds: hit.holds },
          loc: mountLocation(m),
          target: c,
          usedAt: { message: `${containerSubject(c)} mounts it at ${m.target?.value ?? '(unknown path)'}`, location: m.loc },
        });
      }
    }
    // A host path volume mounted by several containers is one volume to remove.
    reportGrouped(ctx, verdicts, { mounts: ['mounts', 'mount'], it: ['it', 'them'] });
    for (const c of ctx.containers()) {
      for (const path of c.unmasked ?? []) {
        if (path.dynamic) continue;
        const all = path.value.toUpperCase() === 'ALL';
        const holds = all ? 'kernel memory, keys, timers and firmware interfaces under /proc and /sys' : path.value.startsWith('/sys') ? 'kernel and firmware interfaces' : 'kernel memory, keys or timers';
        ctx.report({ messageId: 'unmasked', data: { subject: containerSubject(c), path: all ? 'every masked path' : path.value, holds }, loc: path.loc, target: c });
      }
    }
  },
});
