/**
 * Shared by the missing-*-limit rules: when does a container have a limit? A value
 * that means "unlimited" to the engine (`0`, `-1`, `max`) is no limit, and in
 * Kubernetes a LimitRange in the same namespace that sets a default limit for
 * containers fills in what the manifest leaves out.
 */
import type { ContainerSpec } from '../../model/container-spec.js';
import type { KubeObject } from '../../model/kube-object.js';
import type { Located, Location } from '../../model/location.js';
import type { Workload } from '../../model/workload.js';
import type { RuleContext } from '../rule.js';
import { isZeroSize } from './mount-options.js';
import { containerSubject } from './subject.js';

/** `0`, `0m`, `-1`, `max`, `unlimited`: values that lift the limit rather than set it. */
export function isUnlimited(value: string): boolean {
  const v = value.trim().toLowerCase();
  return isZeroSize(v) || /^-\d+$/.test(v) || v === 'max' || v === 'unlimited';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The LimitRange that gives containers of `namespace` a default limit for
 * `resource`, if one is in the scanned set. A manifest without a namespace is
 * read as `default`, where kubectl puts it unless told otherwise. Kubernetes
 * defaults a Container item's missing `default` to its `max`, so either counts.
 */
export function limitRangeDefault(ranges: readonly KubeObject[], namespace: string | undefined, resource: string): KubeObject | undefined {
  const ns = namespace ?? 'default';
  return ranges.find((r) => {
    if ((r.namespace ?? 'default') !== ns) return false;
    const limits = asRecord(r.value['spec'])?.['limits'];
    if (!Array.isArray(limits)) return false;
    return limits.some((item) => {
      const entry = asRecord(item);
      const value = asRecord(entry?.['default'])?.[resource] ?? asRecord(entry?.['max'])?.[resource];
      return entry?.['type'] === 'Container' && value !== undefined && value !== null && !isUnlimited(String(value));
    });
  });
}

/**
 * A pod-level limit (`spec.resources.limits`, Kubernetes' PodLevelResources) bounds
 * every container of the pod together, so a container without its own is not unbounded.
 */
export function podLevelLimit(w: Workload, resource: string): boolean {
  const limits = asRecord(asRecord(w.pod?.spec['resources'])?.['limits']);
  const value = limits?.[resource];
  return value !== undefined && value !== null && !isUnlimited(String(value));
}

type LimitMessages = 'missing' | 'unlimited';

/**
 * Reports each container without a usable `pick(c)` limit.
 *
 * @example
 * reportMissingLimits(ctx, (c) => c.memoryLimit, { resource: 'memory', setting: (i) => spell('memoryLimit', i) });
 */
export function reportMissingLimits(
  ctx: RuleContext<LimitMessages>,
  pick: (c: ContainerSpec) => Located<string> | undefined,
  how: { resource: string; limitRangeKey?: string; setting: (c: ContainerSpec) => string },
): void {
  const ranges = how.limitRangeKey ? ctx.kubeObjects('LimitRange') : [];
  for (const c of ctx.containers()) {
    // Kubernetes refuses resources on ephemeral (debug) containers: nothing to set.
    if (c.role === 'ephemeral') continue;
    const limit = pick(c);
    if (limit?.dynamic) continue;
    if (limit && !isUnlimited(limit.value)) continue;
    // LimitRange admission fills in defaults for pods only; a pod-level limit bounds them all.
    if (!limit && c.workload.pod && how.limitRangeKey) {
      if (podLevelLimit(c.workload, how.limitRangeKey) || limitRangeDefault(ranges, c.workload.namespace, how.limitRangeKey)) continue;
    }
    const loc: Location = limit?.loc ?? c.loc;
    const data = { subject: containerSubject(c), setting: how.setting(c), resource: how.resource, value: limit?.value ?? '' };
    ctx.report({ messageId: limit ? 'unlimited' : 'missing', data, loc, target: c });
  }
}
