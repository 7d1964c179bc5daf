/**
 * How messages name what they are about, in the words of the input the user has
 * open: a Kubernetes container, a Compose service, a run line, a Quadlet unit.
 * Wording only; no rule decides anything from it.
 */
import type { ContainerSpec } from '../../model/container-spec.js';
import type { Workload } from '../../model/workload.js';

/**
 * `Container "app"`, `Init container "setup"`, `Service "web"`.
 *
 * @example
 * containerSubject(spec); // 'Init container "migrate"'
 */
export function containerSubject(c: ContainerSpec): string {
  const name = c.name?.value ?? c.resource.container ?? c.resource.name ?? c.image?.value ?? 'container';
  if (c.input === 'CMP') return `Service "${c.workload.name ?? name}"`;
  // A Containerfile's container is its final stage, named by `AS` or by position.
  if (c.input === 'DF') return c.resource.container && !/^stage \d+$/.test(c.resource.container) ? `Final stage "${c.resource.container}"` : 'The final stage';
  if (c.input === 'IMG') return `Image "${c.workload.name ?? name}"`;
  const noun = c.role === 'init' ? 'Init container' : c.role === 'ephemeral' ? 'Ephemeral container' : 'Container';
  return `${noun} "${name}"`;
}

/**
 * `Deployment "web"`, `Service "web"`, `Quadlet unit "app"`, `Container "app"` (a run line).
 *
 * @example
 * workloadSubject(podTemplate); // 'DaemonSet "node-agent"'
 */
export function workloadSubject(w: Workload): string {
  const name = w.name ?? w.containers[0]?.name?.value ?? w.containers[0]?.image?.value;
  const quoted = name !== undefined ? ` "${name}"` : '';
  switch (w.input) {
    case 'K8S':
      return `${w.kind}${quoted}`;
    case 'CMP':
      return `Service${quoted}`;
    case 'QL':
      return `Quadlet unit${quoted}`;
    default:
      return `Container${quoted}`;
  }
}
