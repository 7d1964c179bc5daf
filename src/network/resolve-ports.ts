/**
 * Turns a rule's `ports` list into a `PortSet` for one destination: numbers and
 * `endPort` ranges as written, named ports looked up in the destination pod's
 * container ports (same name and protocol).
 */
import { addNamed, addRange, allPorts, emptyPorts, MAX_PORT, MIN_PORT, type PortSet } from './port-set.js';
import { PROTOCOLS, type PodInfo, type PolicyPort } from './types.js';

/**
 * The ports a rule allows towards `dest`. Missing or empty `ports` is every port.
 * With no destination pod (an address, or a pod outside the scanned set) a named
 * port resolves to nothing, or is kept by name when `keepNames` is set.
 */
export function resolvePorts(ports: readonly PolicyPort[] | undefined, dest: PodInfo | undefined, keepNames = false): PortSet {
  if (!ports?.length) return allPorts();
  const set = emptyPorts();
  for (const p of ports) {
    if (!(PROTOCOLS as readonly string[]).includes(p.protocol)) continue;
    if (p.port === undefined) addRange(set, p.protocol, MIN_PORT, MAX_PORT);
    else if (typeof p.port === 'number') addRange(set, p.protocol, p.port, p.endPort ?? p.port);
    else if (dest) {
      for (const c of dest.ports) if (c.name === p.port && c.protocol === p.protocol) addRange(set, p.protocol, c.port, c.port);
    } else if (keepNames) addNamed(set, p.protocol, p.port);
  }
  return set;
}

/** True when some entry is a named port, so the result depends on the destination. */
export function hasNamedPorts(ports: readonly PolicyPort[] | undefined): boolean {
  return ports?.some((p) => typeof p.port === 'string') ?? false;
}
