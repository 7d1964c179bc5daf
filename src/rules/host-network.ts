/**
 * host-network: sharing the host's network namespace removes network isolation
 * altogether: the container sees every host interface, can bind any host port and
 * reach services the host keeps on localhost.
 */
import { defineRule } from './rule.js';
import type { Workload } from '../model/workload.js';
import { locKey, reportGrouped } from './support/grouped-reports.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'host-network',
  title: "Shares the host's network namespace",
  severity: 'high',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    "In the host's network namespace a container can listen on any host port, sniff host traffic with the right capabilities, and reach services bound to the host's localhost (the kubelet, container-runtime and cloud agent APIs); network policies no longer apply to it.",
  remedy: 'Remove host networking and publish only the ports the workload serves (a Kubernetes Service, `-p 127.0.0.1:8080:8080`).',
  references: [
    { title: "CIS Docker Benchmark 5.9: Ensure that the host's network namespace is not shared" },
    { title: 'CIS Kubernetes Benchmark 5.2.5: Minimize the admission of containers wishing to share the host network namespace' },
    { title: 'Pod Security Standards (Baseline): Host Namespaces', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security' },
  ],
  messages: {
    hostNetwork: "{{subject}} {{uses}} the host's network namespace ({{setting}}): remove it and publish only the ports it serves.",
  },
  fix: {
    automatic: false,
    effect: "Never fixed automatically: the finding is listed as needing a decision.",
    risk: "turning host networking off changes which addresses and ports the workload is reachable on.",
  },
  check(ctx) {
    const byPlace = new Map<string, Workload[]>();
    for (const w of ctx.workloads()) {
      const hn = w.hostNetwork;
      if (hn?.value !== true || hn.dynamic) continue;
      const key = locKey(hn.loc);
      byPlace.set(key, [...(byPlace.get(key) ?? []), w]);
    }
    for (const group of byPlace.values()) {
      // A Quadlet pod's `Network=host` is every joining container's too: one setting,
      // reported once, about the unit that writes it.
      const loc = group[0]!.hostNetwork!.loc;
      const owners = group.filter((w) => w.file === loc.file);
      const verdicts = (owners.length ? owners : group).map((w) => ({ messageId: 'hostNetwork' as const, data: { setting: spell('hostNetwork', w.input) }, loc, target: w }));
      reportGrouped(ctx, verdicts, { uses: ['uses', 'use'] });
    }
  },
});
