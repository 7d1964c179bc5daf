/**
 * port-exposed-all-interfaces: a published port without a host address listens on
 * every interface of the host, public ones included, and engines' firewall rules
 * for it usually bypass the host's own firewall.
 */
import { createRequire } from 'node:module';
import type { ContainerSpec, PortSpec } from '../model/container-spec.js';
import type { InputKind } from '../model/input-kind.js';
import type { Workload } from '../model/workload.js';
import { defineRule } from './rule.js';
import { locKey, portLocation, reportGrouped, type Verdict } from './support/grouped-reports.js';
import { containerSubject } from './support/subject.js';
import { spell } from './support/vocabulary.js';

/**
 * Inputs where host port 0 publishes (on a port the engine picks): `-p 0:80`.
 * In Kubernetes `hostPort: 0` means no host port at all.
 */

// node:net (and the stream modules it loads) is required on first use: loaded with the
// rule catalogue, it cost every scan's start-up, most of which never see an address.
let net: typeof import('node:net') | undefined;

/** `0.0.0.0`, `::`, `[::]`, `0:0:…:0`: the wildcard addresses. */
export function isWildcardAddress(address: string): boolean {
  const a = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (a === '' || a === '*') return true;
  net ??= createRequire(import.meta.url)('node:net') as typeof import('node:net');
  if (net.isIPv4(a)) return a === '0.0.0.0';
  return net.isIPv6(a) && /^[0:]+$/.test(a);
}

/**
 * Only published ports count (the sources say which): a declared container port
 * (`EXPOSE`, Compose `expose`, `containerPort`) listens nowhere on the host, while
 * `-p 80` or Compose `"80"` publishes on a random host port on every interface.
 */
function publishes(port: PortSpec): boolean {
  if (!port.published) return false;
  // `hostPort: 0` / `-p 0:80` asks for a random port too; only a negative one is nonsense.
  return !port.hostPort || port.hostPort.dynamic === true || port.hostPort.value >= 0;
}

const rule = defineRule({
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
    allInterfaces: '{{subject}} {{publishes}} {{port}} on every host interface: bind it to one address ({{setting}}).',
    wildcard: '{{subject}} {{publishes}} {{port}} on {{address}}, which is every host interface: bind it to one address ({{setting}}).',
    hostNetwork:
      '{{subject}} uses the host network, so its process binds container port {{port}} on the host\'s interfaces itself; hostPort and hostIP do not apply there: make the process listen on one address, or drop hostNetwork and publish the port.',
    hostNetworkDiscarded:
      '{{subject}} {{uses}} the host network, so the engine discards this published port and the process binds container port {{port}} on the host\'s interfaces itself: make the process listen on one address, or drop the host network and publish the port bound to one address.',
    publishAll: '{{subject}} {{publishes}} every port its image exposes, each on a random host port on every host interface: publish only the ports needed, each bound to one address ({{setting}}).',
  },
  fix: {
    automatic: true,
    effect: "Only with `--bind-address ADDR`: `hostIP: ADDR` (K8S), `ADDR:` before short Compose ports and `host_ip` in long ones (CMP), `-p ADDR:\u2026` (RUN), `PublishPort=ADDR:\u2026` in `.container` and `.pod` units (QL). Without it nothing is changed: which interface should listen is a decision.",
    risk: "clients on other interfaces (another host, a load balancer) can no longer connect.",
  },
  check(ctx) {
    // Every finding about a port points at the same span (support/grouped-reports.ts
    // portLocation), as privileged-port's does.
    const verdicts: Verdict<Id>[] = [];
    // A Quadlet pod publishes for the containers that join it: the pod and they share
    // one PublishPort= entry, reported once, about the pod.
    const podPorts = new Set(ctx.workloads().flatMap((w) => (w.ports ?? []).map((p) => locKey(p.loc))));
    for (const c of ctx.containers()) {
      for (const p of c.ports) {
        if (!publishes(p) || (podPorts.size && podPorts.has(locKey(p.loc)))) continue;
        // With hostNetwork the container shares the host's interfaces: which ones it
        // listens on is the process's choice, not the port binding's.
        if (c.workload.hostNetwork?.value === true && !c.workload.hostNetwork.dynamic) {
          const cp = p.containerPort && !p.containerPort.dynamic ? String(p.containerPort.value) : '(unknown)';
          // Docker and Podman discard published ports in host network mode (both warn so).
          verdicts.push({ messageId: c.input === 'K8S' ? 'hostNetwork' : 'hostNetworkDiscarded', data: { port: cp }, loc: portLocation(p, c.input), target: c });
          continue;
        }
        const v = judge(p, c.input, c);
        if (v) verdicts.push(v);
      }
    }
    for (const w of ctx.workloads()) {
      for (const p of w.ports ?? []) {
        const v = publishes(p) ? judge(p, w.input, w) : undefined;
        if (v) verdicts.push(v);
      }
    }
    reportGrouped(ctx, verdicts, { publishes: ['publishes', 'publish'], uses: ['uses', 'use'] });
  },
});

type Id = 'allInterfaces' | 'wildcard' | 'hostNetwork' | 'hostNetworkDiscarded' | 'publishAll';

/** A published port that listens on every interface, as a verdict; undefined when it does not. */
function judge(p: PortSpec, input: InputKind, target: ContainerSpec | Workload): Verdict<Id> | undefined {
  if (p.hostIP?.dynamic) return undefined;
  if (p.hostIP && !isWildcardAddress(p.hostIP.value)) return undefined;
  const hostPort = p.hostPort && !p.hostPort.dynamic && p.hostPort.value > 0 ? `host port ${p.hostPort.value}` : p.hostPort?.dynamic ? 'a host port' : 'a random host port';
  const port = p.containerPort && !p.containerPort.dynamic ? `${hostPort} (container port ${p.containerPort.value})` : hostPort;
  // The spelled example uses 8080:8080; show the user's own ports where they are known.
  const known = p.hostPort && !p.hostPort.dynamic && p.hostPort.value > 0 && p.containerPort && !p.containerPort.dynamic;
  const setting = spell('publishLoopback', input).replace('8080:8080', known ? `${p.hostPort!.value}:${p.containerPort!.value}` : '8080:8080');
  if (!p.containerPort && !p.hostPort && !p.hostIP) return { messageId: 'publishAll', data: { setting: spell('publishLoopback', input) }, loc: portLocation(p, input), target };
  return {
    // An empty address (`hostIP: ""`, `-p :8080:80`) is no address at all.
    messageId: p.hostIP && p.hostIP.value.trim() !== '' ? 'wildcard' : 'allInterfaces',
    data: { port, address: p.hostIP?.value ?? '', setting },
    loc: portLocation(p, input),
    target,
  };
}

export default rule;
