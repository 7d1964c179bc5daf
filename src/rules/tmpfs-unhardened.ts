/**
 * tmpfs-unhardened: a tmpfs is memory. Without a size limit one container can
 * exhaust the host's memory through it; without nosuid, nodev and noexec it is a
 * writable place to stage setuid binaries, device nodes and downloaded payloads.
 */
import { defineRule } from './rule.js';
import { defaultsTable } from './support/engine-defaults.js';
import { mountLocation, reportGrouped, type Verdict } from './support/grouped-reports.js';
import { listWords, missingTmpfsHardening } from './support/mount-options.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'tmpfs-unhardened',
  title: 'tmpfs mount without nosuid, nodev, noexec or a size limit',
  severity: 'medium',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'A tmpfs lives in memory: unbounded, it lets one container starve the host or node of memory. Without nosuid, nodev and noexec it is also a writable place to run downloaded payloads, setuid binaries and device nodes, which undoes much of a read-only root filesystem.',
  remedy:
    'Mount every tmpfs with nosuid,nodev,noexec and a size (`--tmpfs /tmp:nosuid,nodev,noexec,size=64m`); in Kubernetes give each memory-backed emptyDir a sizeLimit.',
  details: `Judged on the options a mount really gets: each engine starts a tmpfs with some options of its own and merges the user's over them (a written \`exec\` still wins). A Compose file may run under Docker Compose or podman-compose, so there only what both engines add counts, and an option one of them adds is reported with that said.\n\n${defaultsTable(['tmpfsOptions'])}`,
  references: [
    { title: 'CIS Docker Benchmark 5.10: Ensure that the memory usage for containers is limited' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Use immutable container file systems' },
    { title: 'Kubernetes: emptyDir volumes (medium: Memory, sizeLimit)', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir' },
  ],
  messages: {
    unhardened: '{{subject}} {{mounts}} a tmpfs at {{target}} without {{missing}}: add them to its options, e.g. {{example}}.',
    noSizeLimit:
      '{{subject}} {{mounts}} the memory-backed emptyDir "{{volume}}" at {{target}} without a sizeLimit: it can take the node\'s memory. Set {{example}}.',
  },
  fix: {
    automatic: true,
    effect: "Completes tmpfs options in place: `nosuid`, `nodev`, `noexec` and `size=` (`--tmpfs-size`, default 64m) where missing (CMP, RUN, QL); `sizeLimit` on memory-backed emptyDirs (K8S). An explicit `exec`, `suid` or `dev` is left for a decision.",
    risk: "`noexec` breaks programs that run files they unpack to the tmpfs (some installers, JIT caches); writes beyond the size fail with ENOSPC; memory-backed space counts against the container's memory limit.",
  },
  check(ctx) {
    const verdicts: Verdict<'unhardened' | 'noSizeLimit'>[] = [];
    for (const c of ctx.containers()) {
      for (const m of c.mounts) {
        if (m.kind !== 'tmpfs') continue;
        const missing = missingTmpfsHardening(m, c.workload.engine ?? (c.input === 'QL' ? 'podman' : undefined));
        if (!missing || missing.length === 0) continue;
        const target = m.target?.value ?? '(unknown path)';
        // An input that cannot express mount options (an emptyDir) can only miss the size.
        const sizeOnly = m.options === undefined;
        const loc = mountLocation(m);
        verdicts.push({
          messageId: sizeOnly ? 'noSizeLimit' : 'unhardened',
          data: { target, volume: m.source?.value ?? '', missing: listWords(missing), example: spell('tmpfsMount', c.input) },
          loc,
          target: c,
          usedAt: { message: `${containerSubject(c)} mounts it at ${target}`, location: m.loc },
        });
      }
    }
    // A memory-backed emptyDir mounted by several containers is one volume to fix.
    reportGrouped(ctx, verdicts, { mounts: ['mounts', 'mount'] });
  },
});
