/**
 * The shapes shared by the Pod Security Standards evaluator and its checks.
 * A check is a list of versioned implementations, like Pod Security Admission's
 * `policy.Check`: the implementation in force for a policy version is the newest
 * one whose `since` is not after it.
 */
import type { PodView } from './pod-view.js';

/** The two levels that restrict anything (`privileged` allows everything). */
export type PodSecurityLevel = 'baseline' | 'restricted';

/** A path of keys and indexes, relative to the pod spec (see `PodSecurityViolation.paths`). */
export type FieldPath = (string | number)[];

/** One failed check, in Pod Security Admission's words. */
export interface PodSecurityViolation {
  /** Upstream check id, e.g. `runAsNonRoot`. */
  checkId: string;
  /** PSA's forbiddenReason, e.g. `runAsNonRoot != true`. */
  reason: string;
  /** PSA's forbiddenDetail, e.g. `pod or container "x" must set securityContext.runAsNonRoot=true`. */
  detail: string;
  /**
   * Where the offending values are, relative to the pod spec:
   * `['containers', 0, 'securityContext', 'runAsNonRoot']`. When the required field is
   * absent, the path names its owner: the container (`['containers', 0]`) or the pod
   * spec itself (`[]`). A path that starts with `'metadata'` is relative to the pod's
   * (or pod template's) object instead, for annotations:
   * `['metadata', 'annotations', 'container.apparmor.security.beta.kubernetes.io/app']`.
   * A pod spec has no `metadata` field, so the two cannot be confused.
   */
  paths: FieldPath[];
}

/** What one check implementation reports when it denies a pod; the registry adds the id. */
export interface CheckFinding {
  reason: string;
  detail: string;
  paths: FieldPath[];
}

/** One implementation of a check: undefined means the pod is allowed. */
export type CheckPodFn = (pod: PodView) => CheckFinding | undefined;

/** An implementation of a check and the first policy minor version it applies to. */
export interface VersionedCheck {
  /** First minor version (`v1.<since>`) this implementation is in force. */
  since: number;
  check: CheckPodFn;
  /**
   * Baseline checks this restricted implementation replaces at the restricted level,
   * because it enforces a stricter form of the same control (upstream's
   * `OverrideCheckIDs`): reporting both would say the same thing twice.
   */
  supersedes?: readonly string[];
}

/** A check with its whole version history. */
export interface PodSecurityCheck {
  id: string;
  level: PodSecurityLevel;
  /** A short name of the control, for the catalogue. */
  title: string;
  /** Strictly increasing by `since`. */
  versions: readonly VersionedCheck[];
}
