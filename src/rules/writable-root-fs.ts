/**
 * writable-root-fs: a writable root filesystem lets an intruder drop tools, patch
 * binaries and persist inside the container; read-only plus explicit writable
 * mounts confines writes to places you chose.
 */
import { defineRule } from './rule.js';
import { isWindowsPod } from './support/pod-os.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'writable-root-fs',
  title: 'Root filesystem is writable',
  severity: 'medium',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'With a writable root filesystem an attacker who gets code execution can download tools, replace binaries and persist across process restarts; a read-only root turns those steps into errors.',
  remedy:
    'Make the root filesystem read-only and give the application writable tmpfs or volume mounts only where it must write (/tmp, a cache, a data directory).',
  references: [
    { title: "CIS Docker Benchmark 5.12: Ensure that the container's root filesystem is mounted as read only" },
    { title: 'CIS Kubernetes Benchmark 5.7.3: Apply security context to your pods and containers' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Use immutable container file systems' },
  ],
  messages: {
    notSet: '{{subject}} has a writable root filesystem: set {{setting}} and mount writable paths (/tmp, caches) explicitly.',
    writable: '{{subject}} turns the read-only root filesystem off: set {{setting}} and mount writable paths explicitly.',
  },
  fix: {
    automatic: true,
    effect: "Makes the root filesystem read-only: `readOnlyRootFilesystem: true` (K8S), `read_only: true` (CMP), `--read-only` (RUN), `ReadOnly=true` (QL). With `--tmp-volume` it also mounts a memory-backed `/tmp` (a `tmp` emptyDir with a size limit in K8S, a hardened `tmpfs` in CMP and on docker run lines; podman already keeps one on a read-only root).",
    risk: "a program that writes outside its mounts (caches, pid files, `/var/run`) fails with EROFS; give each such path a volume or tmpfs.",
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const ro = c.readOnlyRootFilesystem;
      if (ro?.dynamic || ro?.value === true) continue;
      // Windows containers cannot have a read-only root filesystem; the API rejects the field.
      if (!ro && isWindowsPod(c.workload)) continue;
      ctx.report({
        messageId: ro ? 'writable' : 'notSet',
        data: { subject: containerSubject(c), setting: spell('readOnlyRootFilesystem', c.input) },
        loc: ro?.loc ?? c.loc,
        target: c,
      });
    }
  },
});
