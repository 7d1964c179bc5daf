/**
 * Pod Security Standards versions. A namespace pins a policy with
 * `pod-security.kubernetes.io/enforce-version: v1.29` (or `latest`), and the
 * standard a pod is judged by is the one that Kubernetes minor release defined.
 * Only the minor number matters: every policy version so far is `v1.x`.
 */

/** A policy version, `v1.<minor>`. */
export interface PodSecurityVersion {
  major: 1;
  minor: number;
}

// Same shape Pod Security Admission accepts: `v1.` then a minor without leading zeros.
const VERSION_PATTERN = /^v1\.(0|[1-9][0-9]*)$/;

/**
 * The newest policy version this evaluator knows: the latest minor at which any check
 * changed (see the catalogue in registry.ts). Later minors evaluate the same way,
 * as in Pod Security Admission, which clamps a newer version to its newest one.
 */
export const NEWEST_KNOWN_MINOR = 37;

/**
 * Parses a policy version as written in a namespace label or on the command line.
 * `latest` resolves to the newest version this evaluator knows. Returns undefined
 * for anything else, so the caller can report the bad value where it was written.
 *
 * @example
 * parsePodSecurityVersion('v1.29');  // { major: 1, minor: 29 }
 * parsePodSecurityVersion('latest'); // { major: 1, minor: 37 }
 * parsePodSecurityVersion('1.29');   // undefined
 */
export function parsePodSecurityVersion(text: string): PodSecurityVersion | undefined {
  const trimmed = text.trim();
  if (trimmed === 'latest') return { major: 1, minor: NEWEST_KNOWN_MINOR };
  const match = VERSION_PATTERN.exec(trimmed);
  if (!match) return undefined;
  const minor = Number(match[1]);
  return Number.isSafeInteger(minor) ? { major: 1, minor } : undefined;
}

/**
 * Formats a version the way the labels write it.
 *
 * @example
 * formatPodSecurityVersion({ major: 1, minor: 25 }); // 'v1.25'
 */
export function formatPodSecurityVersion(version: PodSecurityVersion): string {
  return `v${version.major}.${version.minor}`;
}
