/**
 * Sets of (protocol, port) as sorted, merged ranges per protocol, plus named ports
 * that could not be resolved (the destination is a pod outside the scanned set).
 * Connections carry one; intersecting an ingress and an egress set is how both
 * sides' policies combine.
 */
import { PROTOCOLS, type Protocol } from './types.js';

/** Inclusive range of port numbers. */
export type PortRange = readonly [number, number];

export interface PortSet {
  ranges: Record<Protocol, PortRange[]>;
  /** Named ports still unresolved, for destinations whose container ports are unknown. */
  named: { protocol: Protocol; name: string }[];
}

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

export function emptyPorts(): PortSet {
  return { ranges: { TCP: [], UDP: [], SCTP: [] }, named: [] };
}

/** Every port of every protocol. */
export function allPorts(): PortSet {
  return { ranges: { TCP: [[MIN_PORT, MAX_PORT]], UDP: [[MIN_PORT, MAX_PORT]], SCTP: [[MIN_PORT, MAX_PORT]] }, named: [] };
}

/** Adds `lo..hi` of `protocol` in place, keeping ranges sorted and merged. */
export function addRange(set: PortSet, protocol: Protocol, lo: number, hi: number): void {
  if (hi < lo) return;
  const merged: PortRange[] = [];
  let a = lo;
  let b = hi;
  let placed = false;
  for (const r of set.ranges[protocol]) {
    if (r[1] + 1 < a) merged.push(r);
    else if (b + 1 < r[0]) {
      if (!placed) { merged.push([a, b]); placed = true; }
      merged.push(r);
    } else {
      a = Math.min(a, r[0]);
      b = Math.max(b, r[1]);
    }
  }
  if (!placed) merged.push([a, b]);
  set.ranges[protocol] = merged.sort((x, y) => x[0] - y[0]);
}

export function addNamed(set: PortSet, protocol: Protocol, name: string): void {
  if (!set.named.some((n) => n.protocol === protocol && n.name === name)) set.named.push({ protocol, name });
}

/** Adds every member of `from` into `into`, in place. */
export function addAll(into: PortSet, from: PortSet): void {
  for (const p of PROTOCOLS) for (const r of from.ranges[p]) addRange(into, p, r[0], r[1]);
  for (const n of from.named) addNamed(into, n.protocol, n.name);
}

/** Ports in both sets. Named ports survive only when both sets name them. */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  const out = emptyPorts();
  for (const p of PROTOCOLS) {
    const x = a.ranges[p];
    const y = b.ranges[p];
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      const lo = Math.max(x[i]![0], y[j]![0]);
      const hi = Math.min(x[i]![1], y[j]![1]);
      if (lo <= hi) out.ranges[p].push([lo, hi]);
      if (x[i]![1] < y[j]![1]) i++;
      else j++;
    }
  }
  out.named = a.named.filter((n) => b.named.some((m) => m.protocol === n.protocol && m.name === n.name) || isAllOf(b, n.protocol));
  for (const n of b.named) if (isAllOf(a, n.protocol)) addNamed(out, n.protocol, n.name);
  return out;
}

function isAllOf(set: PortSet, protocol: Protocol): boolean {
  const r = set.ranges[protocol];
  return r.length === 1 && r[0]![0] <= MIN_PORT && r[0]![1] >= MAX_PORT;
}

export function isEmptyPorts(set: PortSet): boolean {
  return PROTOCOLS.every((p) => set.ranges[p].length === 0) && set.named.length === 0;
}

/** Every port of every protocol. */
export function isAllPorts(set: PortSet): boolean {
  return PROTOCOLS.every((p) => isAllOf(set, p));
}

/** True when the set holds `port` of `protocol`. */
export function hasPort(set: PortSet, protocol: Protocol, port: number): boolean {
  return set.ranges[protocol].some((r) => r[0] <= port && port <= r[1]);
}

/**
 * Human text: `all ports`, `TCP 80,443,8000-8080; UDP 53`, `TCP all`.
 *
 * @example
 * formatPorts(allPorts()); // 'all ports'
 */
export function formatPorts(set: PortSet): string {
  if (isAllPorts(set) && set.named.length === 0) return 'all ports';
  const parts: string[] = [];
  for (const p of PROTOCOLS) {
    const items = isAllOf(set, p)
      ? ['all']
      : set.ranges[p].map((r) => (r[0] === r[1] ? String(r[0]) : `${r[0]}-${r[1]}`));
    for (const n of set.named) if (n.protocol === p && !isAllOf(set, p)) items.push(n.name);
    if (items.length) parts.push(`${p} ${items.join(',')}`);
  }
  return parts.join('; ');
}

/** One entry of a port list in JSON output. */
export interface PortEntry {
  protocol: Protocol;
  port?: number;
  endPort?: number;
  /** A named container port not resolvable here. */
  name?: string;
}

/** The set as a flat list: `{protocol}` alone means every port of it. */
export function portEntries(set: PortSet): PortEntry[] {
  const out: PortEntry[] = [];
  for (const p of PROTOCOLS) {
    if (isAllOf(set, p)) { out.push({ protocol: p }); continue; }
    for (const r of set.ranges[p]) out.push(r[0] === r[1] ? { protocol: p, port: r[0] } : { protocol: p, port: r[0], endPort: r[1] });
    for (const n of set.named) if (n.protocol === p) out.push({ protocol: p, name: n.name });
  }
  return out;
}
