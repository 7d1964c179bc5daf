/**
 * The Pod Security Standards evaluator: `evaluatePodSecurity` judges a pod spec at a
 * level and version as Kubernetes' Pod Security Admission would, and
 * `podSecurityChecks` lists its checks for documentation.
 */
export { evaluatePodSecurity, podSecurityChecks, activePodSecurityChecks, allPodSecurityChecks } from './registry.js';
export type { PodSecurityCatalogueEntry, ActivePodSecurityCheck } from './registry.js';
export { parsePodSecurityVersion, formatPodSecurityVersion, NEWEST_KNOWN_MINOR } from './version.js';
export type { PodSecurityVersion } from './version.js';
export type { PodSecurityLevel, PodSecurityViolation, FieldPath } from './types.js';
