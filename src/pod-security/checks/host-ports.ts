/**
 * `hostPorts` (baseline, v1.0+): a host port binds the node's network interface
 * and bypasses network policy on the pod network.
 *
 * Not emulated: the API server defaults `hostPort` to `containerPort` for pods with
 * `hostNetwork: true`; such a pod already fails `hostNamespaces`, so no verdict
 * changes, only this check's detail would.
 */
import { containersPhrase, pluralize, sortedUnique } from '../messages.js';
import { asList, asObject } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

function hostPortsV1Dot0(pod: PodView): CheckFinding | undefined {
  const badContainers: string[] = [];
  const ports: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of pod.containers()) {
    let valid = true;
    asList(c.spec['ports']).forEach((item, index) => {
      const hostPort = asObject(item)?.['hostPort'];
      // 0 and absent both mean "no host port".
      if (hostPort === undefined || hostPort === null || hostPort === 0) return;
      valid = false;
      ports.push(String(hostPort));
      paths.push([...c.path, 'ports', index, 'hostPort']);
    });
    if (!valid) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  const distinct = sortedUnique(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
    paths,
  };
}

/** The `hostPorts` check. */
export const hostPorts: PodSecurityCheck = {
  id: 'hostPorts',
  level: 'baseline',
  title: 'Host ports',
  versions: [{ since: 0, check: hostPortsV1Dot0 }],
};
