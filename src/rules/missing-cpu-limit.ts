/**
 * missing-cpu-limit: without a CPU limit one busy or hijacked container (a crypto
 * miner is the usual story) takes CPU time from everything else on the host.
 */
import { defineRule } from './rule.js';
import { reportMissingLimits } from './support/resource-limits.js';
import { spell } from './support/vocabulary.js';

export default defineRule({
  id: 'missing-cpu-limit',
  title: 'No CPU limit',
  severity: 'medium',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  // LimitRanges of the namespace may give Kubernetes containers their limits.
  crossFile: ['K8S'],
  rationale:
    'A container without a CPU limit can use every core of its host: a bug, a load spike or a cryptominer in one container slows down or starves every other workload there.',
  remedy: 'Set a CPU limit sized from the workload\'s measured use (Kubernetes `resources.limits.cpu`, `--cpus`, Compose `cpus`), or a namespace LimitRange default.',
  references: [
    { title: 'CIS Docker Benchmark 5.11: Ensure that CPU priority is set appropriately on containers' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Resource policies (LimitRange, ResourceQuota, container limits)' },
    { title: 'Kubernetes: Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
  ],
  messages: {
    missing: '{{subject}} has no CPU limit: set {{setting}}.',
    unlimited: '{{subject}} sets CPU limit "{{value}}", which means no limit: set {{setting}} to a real amount.',
  },
  fix: {
    automatic: true,
    effect: "Only with `--cpu-limit Q`: `resources.limits.cpu` (K8S), `cpus` (CMP), `--cpus=` (RUN), `[Service] CPUQuota=` (QL). Without it nothing is changed: a limit is sized from the workload.",
    risk: "a limit below the workload's need throttles it: slower responses, missed health checks.",
  },
  check(ctx) {
    reportMissingLimits(ctx, (c) => c.cpuLimit, { resource: 'cpu', limitRangeKey: 'cpu', setting: (c) => spell('cpuLimit', c.input) });
  },
});
