/**
 * privileged-port: a non-root process cannot bind a port below 1024 without
 * NET_BIND_SERVICE, so such a container either fails or tempts someone to add the
 * capability or run as root. Listening high and mapping outside avoids both.
 */
import type { ContainerSpec } from '../model/container-spec.js';
import { defineRule } from './rule.js';
import { engineDefault } from './support/engine-defaults.js';
import { portLocation } from './support/grouped-reports.js';
import { containerSubject } from './support/subject.js';
import { isRoot } from './support/user.js';

/**
 * The first port a non-root process may bind in the container: its own
 * `net.ipv4.ip_unprivileged_port_start` when set (`--sysctl`, `Sysctl=`); else the
 * engine's default for a private network namespace (Docker sets 0, engine-defaults.ts);
 * else, on the host network or an engine not known, the kernel's 1024.
 */
function unprivilegedPortStart(c: ContainerSpec): number {
  const own = c.sysctls?.['net.ipv4.ip_unprivileged_port_start'];
  if (own) return own.dynamic || !/^\d+$/.test(own.value) ? 0 : Number(own.value);
  const engine = c.workload.engine;
  if (!engine || c.workload.hostNetwork?.value === true) return 1024;
  return Number(engineDefault('unprivilegedPortStart', engine)[0] ?? 1024);
}

export default defineRule({
  id: 'privileged-port',
  title: 'Non-root container uses a privileged port',
  severity: 'low',
  inputs: ['DF', 'K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'Ports below 1024 need NET_BIND_SERVICE (or root) to bind; a non-root container that declares one either fails at start or pushes operators to grant the capability or run as root.',
  remedy: 'Listen on a port above 1024 inside the container and map the public port outside (a Kubernetes Service `port: 80, targetPort: 8080`, `-p 80:8080`).',
  references: [
    { title: 'CIS Docker Benchmark 5.8: Ensure that privileged ports are not mapped within containers' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #3 - Limit capabilities', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    low: '{{subject}} runs as non-root but uses port {{port}}, below 1024: listen on a port above 1024 and map {{port}} outside.',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // Only a container known to run as non-root is affected: root binds anything.
      if (isRoot(c) !== false) continue;
      // With NET_BIND_SERVICE granted the bind works; that is the exception the rule names.
      if (c.capAdd.some((cap) => !cap.dynamic && /^(?:CAP_)?(?:NET_BIND_SERVICE|ALL)$/i.test(cap.value))) continue;
      const start = unprivilegedPortStart(c);
      for (const p of c.ports) {
        // Located where port-exposed-all-interfaces points for the same port.
        const port = p.containerPort;
        if (!port || port.dynamic || port.value <= 0 || port.value >= start) continue;
        ctx.report({ messageId: 'low', data: { subject: containerSubject(c), port: port.value }, loc: portLocation(p, c.input), target: c });
      }
    }
  },
});
