/**
 * `sysctls` (baseline): only sysctls that are namespaced per pod and isolated from
 * other pods on the node may be set; the rest can reach the whole host. The safe
 * set grows as the kubelet learns to namespace more of them, and each addition is
 * a new policy version.
 */
import { asList, asObject, asString } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, CheckPodFn, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

const ALLOWED_V1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const ALLOWED_V1_27 = [...ALLOWED_V1_0, 'net.ipv4.ip_local_reserved_ports'];
const ALLOWED_V1_29 = [
  ...ALLOWED_V1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const ALLOWED_V1_32 = [...ALLOWED_V1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const ALLOWED_V1_37 = [...ALLOWED_V1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

function sysctlsWith(allowedNames: readonly string[]): CheckPodFn {
  const allowed = new Set(allowedNames);
  return (pod: PodView): CheckFinding | undefined => {
    const forbidden: string[] = [];
    const paths: FieldPath[] = [];
    asList(pod.securityContext?.['sysctls']).forEach((item, index) => {
      const name = asString(asObject(item)?.['name']) ?? '';
      if (allowed.has(name)) return;
      forbidden.push(name);
      paths.push(['securityContext', 'sysctls', index, 'name']);
    });
    if (forbidden.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), paths };
  };
}

/** The `sysctls` check. */
export const sysctls: PodSecurityCheck = {
  id: 'sysctls',
  level: 'baseline',
  title: 'Unsafe sysctls',
  versions: [
    { since: 0, check: sysctlsWith(ALLOWED_V1_0) },
    { since: 27, check: sysctlsWith(ALLOWED_V1_27) },
    { since: 29, check: sysctlsWith(ALLOWED_V1_29) },
    { since: 32, check: sysctlsWith(ALLOWED_V1_32) },
    { since: 37, check: sysctlsWith(ALLOWED_V1_37) },
  ],
};
