/**
 * The `admission:` section of `.seaworthy.yaml`: how `seaworthy serve` turns findings
 * into admission decisions. The three modes are Pod Security Admission's words:
 * `enforce` denies, `warn` admits with a warning kubectl shows, `audit` admits and
 * records an audit annotation and a log line.
 */
import type { FailOn } from './config.js';

export const ADMISSION_MODES = ['enforce', 'warn', 'audit'] as const;
export type AdmissionMode = (typeof ADMISSION_MODES)[number];

export interface NamespaceAdmission {
  /** Mode for every rule in the namespace (a rule's own namespace mode wins). */
  mode?: AdmissionMode;
  rules?: Record<string, AdmissionMode>;
  /**
   * The namespace's labels (`pod-security.kubernetes.io/enforce` …) when they are not
   * read from the API server (outside a cluster, or `namespaceLabels: config`).
   */
  labels?: Record<string, string>;
}

export interface AdmissionConfig {
  /** Findings at or above this severity are enforced (denied); default `high`. */
  enforceOn: FailOn;
  /** Findings below `enforceOn` and at or above this are warnings; the rest are audited. Default `low`. */
  warnOn: FailOn;
  /** Mode per rule, everywhere. */
  rules: Record<string, AdmissionMode>;
  namespaces: Record<string, NamespaceAdmission>;
  /** Where namespace labels come from: the API server (in a cluster), or `namespaces.*.labels`. */
  namespaceLabels: 'auto' | 'api' | 'config';
  /** Rule ids whose safe defaults `/mutate` applies (see src/edits/). */
  mutate: string[];
  /** UID `/mutate` gives pods that set none (with `run-as-root` among `mutate`). */
  mutateUid?: number;
}

/**
 * Defaults chosen to match the safe set: what every pod can take without
 * breaking (no token, no escalation, no capabilities, RuntimeDefault seccomp, a
 * non-root UID only where the pod does not ask for root).
 */
export const DEFAULT_MUTATE_RULES: readonly string[] = [
  'capabilities-not-dropped',
  'privilege-escalation-allowed',
  'seccomp-unconfined',
  'run-as-root',
  'service-account-token-mounted',
];

export function defaultAdmissionConfig(): AdmissionConfig {
  return { enforceOn: 'high', warnOn: 'low', rules: {}, namespaces: {}, namespaceLabels: 'auto', mutate: [...DEFAULT_MUTATE_RULES] };
}
