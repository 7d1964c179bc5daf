/**
 * port-exposed-all-interfaces: a published port without a host address listens on
 * every interface of the host, public ones included, and engines' firewall rules
 * for it usually bypass the host's own firewall.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { InputKind } from '../model/input-kind.js';
import type { PortSpec } from '../model/container-spec.js';
import { defineRule } from './rule.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

/**
 * Inputs where host port 0 publishes (on a port the engine picks): `-p 0:80`.
 * In Kubernetes `hostPort: 0` means no host port at all.
 */
const ZERO_HOST_PORT_PUBLISHES: ReadonlySet<InputKind> = new Set(['CMP', 'RUN', 'QL']);

/** `0.0.0.0`, `::`, `[::]`, `0:0:…:0`: the wildcard addresses. */
export function isWildcardAddress(address: string): boolean {
  const a = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (a === '' || a === '*') return true;
  if (isIPv4(a)) return a === '0.0.0.0';
  return isIPv6(a) && /^[0:]+$/.test(a);
}

/**
 * Only entries with a host port count: the model does not tell a declared
 * container port (Kubernetes `containerPort`, Compose `expose`) from `-p 80`,
 * which publishes on a random host port, so the latter is left alone.
 */
function publishes(port: PortSpec, input: InputKind): boolean {
  if (!port.hostPort) return false;
  return port.hostPort.dynamic === true || port.hostPort.value > 0 || ZERO_HOST_PORT_PUBLISHES.has(input);
}

export default defineRule({
  id: 'port-exposed-all-interfaces',
  title: 'Published port listens on every host interface',
  severity: 'medium',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'A port published without a host address is bound on every interface of the host, so a service meant for localhost or an internal network is reachable from wherever the host is; Docker and Podman insert their own firewall rules for it, which host firewalls such as ufw do not see.',
  remedy:
    'Bind published ports to the address that needs them (`-p 127.0.0.1:8080:8080`, Compose `"127.0.0.1:8080:8080"`, Kubernetes `hostIP`), or do not publish host ports at all: reach Kubernetes pods through a Service.',
  references: [
    { title: 'CIS Docker Benchmark 5.13: Ensure that incoming container traffic is bound to a specific host interface' },
    { title: 'CIS Kubernetes Benchmark 5.2.13: Minimize the admission of containers which use HostPorts' },
    { title: 'Pod Security Standards (Baseline): Host Ports', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
  ],
  messages: {
    allInterfaces: '{{subject}} publishes {{port}} on every host interface: bind it to one address ({{setting}}).',
    wildcard: '{{subject}} publishes {{port}} on {{address}}, which is every host interface: bind it to one address ({{setting}}).',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      for (const p of c.ports) {
        if (!publishes(p, c.input) || p.hostIP?.dynamic) continue;
        if (p.hostIP && !isWildcardAddress(p.hostIP.value)) continue;
        const hostPort = p.hostPort && !p.hostPort.dynamic && p.hostPort.value > 0 ? `host port ${p.hostPort.value}` : 'a host port';
        const port = p.containerPort && !p.containerPort.dynamic ? `${hostPort} (container port ${p.containerPort.value})` : hostPort;
        // The spelled example uses 8080:8080; show the user's own ports where they are known.
        const known = p.hostPort && !p.hostPort.dynamic && p.hostPort.value > 0 && p.containerPort && !p.containerPort.dynamic;
        const setting = spell('publishLoopback', c.input).replace('8080:8080', known ? `${p.hostPort!.value}:${p.containerPort!.value}` : '8080:8080');
        ctx.report({
          // An empty address (`hostIP: ""`, `-p :8080:80`) is no address at all.
          messageId: p.hostIP && p.hostIP.value.trim() !== '' ? 'wildcard' : 'allInterfaces',
          data: { subject: containerSubject(c), port, address: p.hostIP?.value ?? '', setting },
          loc: p.hostIP?.loc ?? p.hostPort?.loc ?? p.loc,
          target: c,
        });
      }
    }
  },
});
