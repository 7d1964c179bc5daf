/**
 * missing-memory-limit: without a memory limit a leak or an attack in one
 * container ends with the kernel's OOM killer choosing victims across the host.
 */
import { defineRule } from './rule.js';
import { reportMissingLimits } from './support/resource-limits.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'missing-memory-limit',
  title: 'No memory limit',
  severity: 'medium',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  // LimitRanges of the namespace may give Kubernetes containers their limits.
  crossFile: ['K8S'],
  rationale:
    'A container without a memory limit can take all of its host\'s memory; when it runs out, the kernel kills processes of other containers (or the kubelet) as well as its own. A limit confines the damage to the container that misbehaves.',
  remedy: 'Set a memory limit sized from the workload\'s measured use (Kubernetes `resources.limits.memory`, `--memory`, Compose `mem_limit`), or a namespace LimitRange default.',
  references: [
    { title: 'CIS Docker Benchmark 5.10: Ensure that the memory usage for containers is limited' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Resource policies (LimitRange, ResourceQuota, container limits)' },
    { title: 'Kubernetes: Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
  ],
  messages: {
    missing: '{{subject}} has no memory limit: set {{setting}}.',
    unlimited: '{{subject}} sets memory limit "{{value}}", which means no limit: set {{setting}} to a real amount.',
  },
  fix: {
    automatic: true,
    effect: "Only with `--memory-limit Q`: `resources.limits.memory` (K8S), `mem_limit` (CMP), `--memory=` (RUN), `Memory=` (QL). Without it nothing is changed: a limit is sized from the workload.",
    risk: "a limit below the workload's peak gets it OOM-killed.",
  },
  check(ctx) {
    reportMissingLimits(ctx, (c) => c.memoryLimit, { resource: 'memory', limitRangeKey: 'memory', setting: (c) => spell('memoryLimit', c.input) });
  },
});
