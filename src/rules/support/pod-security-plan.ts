/**
 * Decides, for every Kubernetes workload, at which Pod Security Standards level,
 * version and mode it is judged, runs the evaluator, and assigns each violation to
 * the rule of its level. Shared by `pod-security-baseline` and
 * `pod-security-restricted` and computed once per scan.
 *
 * - An explicit choice (`--pod-security`, config `podSecurity`) judges every
 *   workload at that level, with the rule's severity, whatever the labels say.
 * - Otherwise the workload's Namespace (when it is in the scanned set) decides
 *   through its `pod-security.kubernetes.io/{enforce,warn,audit}[-version]`
 *   labels: enforce at the rule's severity, warn one step lower, audit lower still.
 */
import type { Location } from '../../model/location.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { Severity } from '../../model/severity.js';
import type { Workload } from '../../model/workload.js';
import { evaluatePodSecurity, formatPodSecurityVersion, parsePodSecurityVersion, type PodSecurityLevel, type PodSecurityVersion } from '../../pod-security/index.js';
import { locAt } from '../../sources/yaml/yaml-node.js';
import type { RuleSettings } from '../rule.js';

export type PodSecurityMode = 'explicit' | 'enforce' | 'warn' | 'audit';

export interface PlannedViolation {
  level: PodSecurityLevel;
  version: PodSecurityVersion;
  mode: PodSecurityMode;
  checkId: string;
  reason: string;
  detail: string;
  loc: Location;
  workload: Workload;
  /** Namespace whose label chose the level (not for explicit choices). */
  namespace?: string;
}

const MODES: readonly Exclude<PodSecurityMode, 'explicit'>[] = ['enforce', 'warn', 'audit'];
const MODE_RANK: Record<PodSecurityMode, number> = { explicit: 3, enforce: 3, warn: 2, audit: 1 };

const cache = new WeakMap<ScanModel, PlannedViolation[]>();

/** Every violation in the model, each once, under the strongest mode that found it. */
export function planPodSecurity(model: ScanModel, settings: RuleSettings): PlannedViolation[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const namespaces = namespaceLabels(model);
  const out: PlannedViolation[] = [];
  for (const workload of model.workloads) {
    // A slimmed pod (scan/check-as-read.ts) is judged only once its file is read again.
    if (workload.input !== 'K8S' || !workload.pod || workload.pod.slim) continue;
    const seen = new Map<string, PlannedViolation>();
    for (const evaluation of evaluationsFor(workload, settings, namespaces)) {
      const violations = evaluatePodSecurity(evaluation.level, evaluation.version, workload.pod.metadata, workload.pod.spec);
      for (const v of violations) {
        for (const path of v.paths.length ? v.paths : [[]]) {
          const loc = locate(workload, path);
          const key = `${v.checkId}\u0000${loc.startLine}:${loc.startColumn}`;
          const prev = seen.get(key);
          // A violation found by enforce and by warn is reported once, as enforce found it.
          if (prev && MODE_RANK[prev.mode] >= MODE_RANK[evaluation.mode]) continue;
          const planned: PlannedViolation = { ...evaluation, checkId: v.checkId, reason: v.reason, detail: v.detail, loc, workload };
          seen.set(key, planned);
        }
      }
    }
    out.push(...seen.values());
  }
  cache.set(model, out);
  return out;
}

/** One step down per mode: warn is a notch under the rule's severity, audit two. */
export function severityFor(mode: PodSecurityMode, base: Severity): Severity {
  const order: Severity[] = ['low', 'medium', 'high', 'critical'];
  const drop = mode === 'warn' ? 1 : mode === 'audit' ? 2 : 0;
  return order[Math.max(0, order.indexOf(base) - drop)]!;
}

interface Evaluation {
  level: PodSecurityLevel;
  version: PodSecurityVersion;
  mode: PodSecurityMode;
  namespace?: string;
}

function evaluationsFor(workload: Workload, settings: RuleSettings, namespaces: Map<string, Record<string, string>>): Evaluation[] {
  if (settings.podSecurity) {
    const version = parsePodSecurityVersion(settings.podSecurity.version) ?? parsePodSecurityVersion('latest')!;
    return [{ level: settings.podSecurity.level, version, mode: 'explicit' }];
  }
  const ns = workload.namespace ?? 'default';
  const labels = namespaces.get(ns);
  if (!labels) return [];
  const out: Evaluation[] = [];
  for (const mode of MODES) {
    const raw = labels[`pod-security.kubernetes.io/${mode}`];
    if (raw === undefined) continue;
    const level = parseLevel(raw);
    if (level === 'privileged') continue;
    const versionLabel = labels[`pod-security.kubernetes.io/${mode}-version`];
    // Like Pod Security Admission, an unreadable version means the newest policy.
    const version = (versionLabel !== undefined && parsePodSecurityVersion(versionLabel)) || parsePodSecurityVersion('latest')!;
    out.push({ level, version, mode, namespace: ns });
  }
  return out;
}

/** PSA reads an unknown level as the most restrictive one, so a typo never opens a namespace. */
function parseLevel(raw: string): PodSecurityLevel | 'privileged' {
  const v = raw.trim();
  if (v === 'privileged') return 'privileged';
  if (v === 'baseline') return 'baseline';
  return 'restricted';
}

/** Each scanned Namespace's labels, by name (the last of a name wins). */
export function namespaceLabels(model: Pick<ScanModel, 'kubeObjects'>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const o of model.kubeObjects) if (o.kind === 'Namespace' && o.name) out.set(o.name, o.labels);
  return out;
}

function locate(workload: Workload, path: readonly (string | number)[]): Location {
  const pod = workload.pod!;
  if (path[0] === 'metadata') return pod.metadataNode ? locAt(pod.metadataNode, path.slice(1)) : workload.loc;
  return pod.specNode ? locAt(pod.specNode, path) : workload.loc;
}

/** `restricted:v1.29`, for messages. */
export function describePolicy(level: PodSecurityLevel, version: PodSecurityVersion): string {
  return `${level}:${formatPodSecurityVersion(version)}`;
}

