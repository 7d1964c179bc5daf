/**
 * Kubernetes pods can declare `spec.os.name: windows`; the API then forbids the
 * Linux-only security fields (seccompProfile, seLinuxOptions,
 * readOnlyRootFilesystem…), so a rule must not ask for them there.
 */
import type { Workload } from '../../model/workload.js';

/** True for a Kubernetes pod template with `os.name: windows`. */
export function isWindowsPod(w: Workload): boolean {
  const os = w.pod?.spec['os'];
  return typeof os === 'object' && os !== null && (os as Record<string, unknown>)['name'] === 'windows';
}
