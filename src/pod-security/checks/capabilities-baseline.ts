/**
 * `capabilities_baseline` (baseline, v1.0+): a container may add only capabilities
 * from the container runtimes' default set; anything beyond it (NET_RAW excluded
 * on purpose, SYS_ADMIN, ...) widens what root in the container can do.
 */
import { containersPhrase, joinQuote, sortedUnique } from '../messages.js';
import { asList, asObject } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

const ALLOWED_CAPABILITIES_V1_0 = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

function capabilitiesBaselineV1Dot0(pod: PodView): CheckFinding | undefined {
  const badContainers: string[] = [];
  const badCapabilities: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of pod.containers()) {
    const added = asList(asObject(c.securityContext?.['capabilities'])?.['add']);
    let valid = true;
    added.forEach((capability, index) => {
      // Exact, case-sensitive names: the runtime would not recognise "net_raw" either,
      // and PSA does not normalise.
      if (typeof capability === 'string' && ALLOWED_CAPABILITIES_V1_0.has(capability)) return;
      valid = false;
      badCapabilities.push(String(capability));
      paths.push([...c.path, 'securityContext', 'capabilities', 'add', index]);
    });
    if (!valid) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(badContainers)} must not include ${joinQuote(sortedUnique(badCapabilities))} in securityContext.capabilities.add`,
    paths,
  };
}

/** The `capabilities_baseline` check. */
export const capabilitiesBaseline: PodSecurityCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'Capabilities beyond the default set',
  versions: [{ since: 0, check: capabilitiesBaselineV1Dot0 }],
};
