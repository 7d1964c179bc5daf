/**
 * The Pod Security Standards as data: every check of baseline and restricted with
 * its version history, and the evaluator that picks, for a level and a version,
 * the implementations in force, the way Pod Security Admission's check registry
 * does. Restricted includes every baseline check except those a restricted check
 * supersedes (it enforces a stricter form of the same control).
 */
import { allowPrivilegeEscalation } from './checks/allow-privilege-escalation.js';
import { appArmorProfile } from './checks/app-armor-profile.js';
import { capabilitiesBaseline } from './checks/capabilities-baseline.js';
import { capabilitiesRestricted } from './checks/capabilities-restricted.js';
import { hostNamespaces } from './checks/host-namespaces.js';
import { hostPathVolumes } from './checks/host-path-volumes.js';
import { hostPorts } from './checks/host-ports.js';
import { hostProbesAndHostLifecycle } from './checks/host-probes-and-host-lifecycle.js';
import { privileged } from './checks/privileged.js';
import { procMount } from './checks/proc-mount.js';
import { procMountRestricted } from './checks/proc-mount-restricted.js';
import { restrictedVolumes } from './checks/restricted-volumes.js';
import { runAsNonRoot } from './checks/run-as-non-root.js';
import { runAsUser } from './checks/run-as-user.js';
import { seLinuxOptions } from './checks/se-linux-options.js';
import { seccompProfileBaseline } from './checks/seccomp-profile-baseline.js';
import { seccompProfileRestricted } from './checks/seccomp-profile-restricted.js';
import { sysctls } from './checks/sysctls.js';
import { windowsHostProcess } from './checks/windows-host-process.js';
import { PodView, asObject } from './pod-view.js';
import type { PodSecurityCheck, PodSecurityLevel, PodSecurityViolation, VersionedCheck } from './types.js';
import { NEWEST_KNOWN_MINOR, formatPodSecurityVersion, type PodSecurityVersion } from './version.js';

/**
 * Every check, baseline first, each group in upstream's order (its check files
 * sorted by name), so violations come out in the order `kubectl` prints them.
 */
export const allPodSecurityChecks: readonly PodSecurityCheck[] = [
  appArmorProfile,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
];

/** A check's entry in the catalogue that `seaworthy rules` and the docs list. */
export interface PodSecurityCatalogueEntry {
  id: string;
  level: PodSecurityLevel;
  title: string;
  /** The policy versions where the check changed, oldest first: `['v1.0', 'v1.19']`. */
  versions: string[];
}

/**
 * The catalogue of checks for documentation.
 *
 * @example
 * podSecurityChecks.find((c) => c.id === 'sysctls')?.versions; // ['v1.0', 'v1.27', 'v1.29', 'v1.32', 'v1.37']
 */
export const podSecurityChecks: PodSecurityCatalogueEntry[] = allPodSecurityChecks.map((check) => ({
  id: check.id,
  level: check.level,
  title: check.title,
  versions: check.versions.map((v) => formatPodSecurityVersion({ major: 1, minor: v.since })),
}));

/** A check in force at a level and version, with the implementation that applies. */
export interface ActivePodSecurityCheck {
  id: string;
  level: PodSecurityLevel;
  implementation: VersionedCheck;
}

/** The implementation of a check in force at a minor version, if the check exists yet. */
function implementationAt(check: PodSecurityCheck, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const v of check.versions) if (v.since <= minor) found = v;
  return found;
}

/**
 * The checks that judge a pod at a level and version, in evaluation order.
 * Versions newer than this evaluator knows evaluate as the newest it knows.
 *
 * @example
 * activePodSecurityChecks('restricted', { major: 1, minor: 22 }).map((c) => c.id);
 * // no 'capabilities_baseline': 'capabilities_restricted' supersedes it
 */
export function activePodSecurityChecks(level: PodSecurityLevel, version: PodSecurityVersion): ActivePodSecurityCheck[] {
  const minor = Math.min(version.minor, NEWEST_KNOWN_MINOR);
  const active: ActivePodSecurityCheck[] = [];
  for (const check of allPodSecurityChecks) {
    if (check.level === 'restricted' && level !== 'restricted') continue;
    const implementation = implementationAt(check, minor);
    if (implementation) active.push({ id: check.id, level: check.level, implementation });
  }
  if (level === 'baseline') return active;
  const superseded = new Set(active.flatMap((c) => c.implementation.supersedes ?? []));
  return active.filter((c) => !superseded.has(c.id));
}

/**
 * Judges a pod by the Pod Security Standard `level` as defined at `version`, with
 * the verdicts of Kubernetes' Pod Security Admission. Returns one violation per
 * failed check (none: the pod is allowed). `podMetadata` and `podSpec` are the
 * pod's (or pod template's) `metadata` and `spec` as parsed.
 *
 * @example
 * const v = evaluatePodSecurity('restricted', parsePodSecurityVersion('v1.29')!, pod.metadata, pod.spec);
 * v[0]; // { checkId: 'allowPrivilegeEscalation', reason: 'allowPrivilegeEscalation != false', detail: …, paths: [['containers', 0]] }
 */
export function evaluatePodSecurity(
  level: PodSecurityLevel,
  version: PodSecurityVersion,
  podMetadata: Record<string, unknown>,
  podSpec: Record<string, unknown>,
): PodSecurityViolation[] {
  const pod = new PodView(asObject(podMetadata) ?? {}, asObject(podSpec) ?? {});
  const violations: PodSecurityViolation[] = [];
  for (const check of activePodSecurityChecks(level, version)) {
    const finding = check.implementation.check(pod);
    if (!finding) continue;
    violations.push({
      checkId: check.id,
      reason: finding.reason,
      detail: finding.detail,
      // A finding always points somewhere: at worst, the pod spec.
      paths: finding.paths.length > 0 ? finding.paths : [[]],
    });
  }
  return violations;
}
