/**
 * `hostProbesAndHostLifecycle` (baseline, v1.34+): a probe or lifecycle hook with a
 * `host` makes the kubelet connect to an address of the pod's choosing from the
 * node's network, which lets a pod reach what only the node should reach.
 */
import { containersPhrase, joinQuote, pluralize, sortedUnique } from '../messages.js';
import { asObject, asString } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { ContainerRef, JsonObject, PodView } from '../pod-view.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const LIFECYCLE_HOOKS = ['postStart', 'preStop'] as const;
// tcpSocket is no longer a supported lifecycle action, but old objects may carry it.
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

/** Collects each non-empty `host` of a probe or hook, with its path. */
function collectHosts(handler: JsonObject | undefined, base: FieldPath, hosts: string[], paths: FieldPath[]): boolean {
  if (!handler) return false;
  let found = false;
  for (const kind of HANDLERS) {
    const host = asString(asObject(handler[kind])?.['host']) ?? '';
    if (host === '') continue;
    found = true;
    hosts.push(host);
    paths.push([...base, kind, 'host']);
  }
  return found;
}

function hostsOf(c: ContainerRef, hosts: string[], paths: FieldPath[]): boolean {
  let found = false;
  for (const probe of PROBES) {
    if (collectHosts(asObject(c.spec[probe]), [...c.path, probe], hosts, paths)) found = true;
  }
  const lifecycle = asObject(c.spec['lifecycle']);
  for (const hook of LIFECYCLE_HOOKS) {
    if (collectHosts(asObject(lifecycle?.[hook]), [...c.path, 'lifecycle', hook], hosts, paths)) found = true;
  }
  return found;
}

function hostProbesAndHostLifecycleV1Dot34(pod: PodView): CheckFinding | undefined {
  const badContainers: string[] = [];
  const hosts: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of pod.containers()) {
    if (hostsOf(c, hosts, paths)) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  // Upstream collects both lists into sets, so both print sorted and distinct.
  const names = sortedUnique(badContainers);
  const distinctHosts = sortedUnique(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinctHosts.length)} ${joinQuote(distinctHosts)}`,
    paths,
  };
}

/** The `hostProbesAndHostLifecycle` check. */
export const hostProbesAndHostLifecycle: PodSecurityCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Host in probes and lifecycle hooks',
  versions: [{ since: 34, check: hostProbesAndHostLifecycleV1Dot34 }],
};
