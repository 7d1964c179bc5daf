/**
 * no-sandbox-runtime: code you do not trust should not share a kernel with the
 * host. A sandboxed runtime (gVisor, Kata) puts a second kernel or a VM between
 * them. Which workloads are untrusted, and which runtimes count as sandboxes, is
 * configuration; with nothing marked untrusted the rule is silent.
 */
import { posix } from 'node:path';
import type { RuleSettings } from './rule.js';
import type { Workload } from '../model/workload.js';
import { defineRule } from './rule.js';
import { workloadSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

/**
 * Why a workload counts as untrusted (`namespace "ci"`, `label tenant=external`), or
 * undefined. A label value of `*` matches any value. A Kubernetes manifest without
 * a namespace is read as `default`, where kubectl puts it unless told otherwise.
 */
export function untrustedBecause(w: Workload, untrusted: RuleSettings['untrusted']): string | undefined {
  const ns = w.namespace ?? (w.pod ? 'default' : undefined);
  if (ns !== undefined && untrusted.namespaces.includes(ns)) return `namespace "${ns}"`;
  for (const [key, want] of Object.entries(untrusted.labels)) {
    const have = w.labels[key];
    if (have !== undefined && (want === '*' || want === have)) return `label ${key}=${have}`;
  }
  return undefined;
}

/** `runsc`, `/usr/bin/runsc` and `RUNSC` name the same runtime. */
function isSandbox(runtime: string, sandboxes: readonly string[]): boolean {
  const names = new Set(sandboxes.map((s) => s.toLowerCase()));
  const r = runtime.trim().toLowerCase();
  return names.has(r) || names.has(posix.basename(r));
}

export default defineRule({
  id: 'no-sandbox-runtime',
  title: 'Untrusted workload without a sandboxed runtime',
  severity: 'medium',
  inputs: ['K8S', 'RUN', 'QL'],
  rationale:
    'Ordinary containers share the host kernel, so one kernel bug is enough to escape them. For code you do not trust (tenants, CI jobs, user uploads) a sandboxed runtime such as gVisor or Kata Containers adds a user-space or virtual-machine kernel between the workload and the host.',
  remedy:
    'Run untrusted workloads on a sandboxed runtime: Kubernetes `runtimeClassName` naming a gVisor or Kata RuntimeClass, `--runtime runsc` / `--runtime kata` for podman and docker.',
  references: [
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security (hardware virtualization and sandboxed runtimes)' },
    { title: 'Kubernetes: Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    { title: 'CIS Kubernetes Benchmark 5.7.1: Create administrative boundaries between resources' },
  ],
  messages: {
    defaultRuntime: '{{subject}} is marked untrusted ({{why}}) but runs on the default runtime: set {{setting}} to a sandboxed runtime ({{sandboxes}}).',
    otherRuntime: '{{subject}} is marked untrusted ({{why}}) but its runtime "{{runtime}}" is not a sandbox: set {{setting}} to one of {{sandboxes}}.',
  },
  check(ctx) {
    const { untrusted, sandboxRuntimes } = ctx.settings;
    if (untrusted.namespaces.length === 0 && Object.keys(untrusted.labels).length === 0) return;
    for (const w of ctx.workloads()) {
      const why = untrustedBecause(w, untrusted);
      if (!why || w.runtime?.dynamic) continue;
      if (w.runtime && isSandbox(w.runtime.value, sandboxRuntimes)) continue;
      ctx.report({
        messageId: w.runtime ? 'otherRuntime' : 'defaultRuntime',
        data: { subject: workloadSubject(w), why, runtime: w.runtime?.value ?? '', setting: spell('runtime', w.input), sandboxes: sandboxRuntimes.join(', ') || '(none configured)' },
        loc: w.runtime?.loc ?? w.loc,
        target: w,
      });
    }
  },
});
