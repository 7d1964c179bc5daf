/**
 * A live cluster audit: the same configuration, rules, suppressions and report as
 * `scan`, over objects listed from the API server instead of files. The cluster is
 * judged one namespace at a time (with the Namespaces, ClusterRoles and bindings every
 * namespace is judged by), so memory holds one namespace, not the cluster; each pass
 * keeps only the findings on its own objects, and suppressions run once at the end.
 */
import { loadConfig } from '../config/load-config.js';
import type { EngineFinding } from '../engine/run-rules.js';
import type { ScanError, ScanWarning } from '../model/finding.js';
import { emptyModel, type ScanModel } from '../model/scan-model.js';
import { groupOwnedPods } from '../sources/kubernetes/group-owned-pods.js';
import { ApiClient, type ClientOptions } from '../sources/cluster/api-client.js';
import { addApiObject, fieldAt, ownedPodKey, type ObjectFacts } from '../sources/cluster/cluster-source.js';
import { connect, type ConnectionOptions, type KubeConnection } from '../sources/cluster/kube-connection.js';
import type { ApiObject } from '../sources/cluster/list-cursor.js';
import { readCluster, type ReadOptions } from '../sources/cluster/read-cluster.js';
import { checkModel } from './scan.js';
import { applyOverrides, chooseRules, fullCatalogue, suppressAndReport, type RunScanResult, type ScanOverrides } from './run-scan.js';

export interface RunClusterOptions {
  configPath?: string;
  overrides?: ScanOverrides;
  connection?: ConnectionOptions;
  client?: ClientOptions;
  read?: Partial<ReadOptions>;
  today?: Date;
  toolVersion?: string;
  /** Called after each namespace (the benchmark samples memory here). */
  onBatch?: (namespace: string | undefined, objects: number) => void;
}

export interface ClusterStats {
  /** API requests, retries included. */
  calls: number;
  /** Requests answered 429/503 and retried after Retry-After. */
  throttled: number;
  /** Lists restarted after their continue token expired (410 Gone). */
  restarts: number;
  namespaces: number;
  objects: number;
}

export interface RunClusterResult extends RunScanResult {
  stats: ClusterStats;
  context: string;
}

export const DEFAULT_PAGE_SIZE = 500;

/**
 * @example
 * const { result } = await runCluster({ connection: { context: 'prod' }, read: { namespaces: ['shop'] } });
 */
export async function runCluster(options: RunClusterOptions = {}, connection?: KubeConnection): Promise<RunClusterResult> {
  const loaded = loadConfig(options.configPath, '.', fullCatalogue.map((r) => r.id));
  const config = applyOverrides(loaded.config, options.overrides ?? {});
  const stats: ClusterStats = { calls: 0, throttled: 0, restarts: 0, namespaces: 0, objects: 0 };
  if (loaded.errors.length) {
    const failed = suppressAndReport([], emptyModel(), loaded.errors, 0, config, [], options);
    return { ...failed, configFailed: true, stats, context: '' };
  }
  const conn = connection ?? (await connect(options.connection));
  const client = new ApiClient(conn, options.client);
  const warnings: ScanWarning[] = [];
  const errors: ScanError[] = [];
  const warn = (message: string, code: string): void => void warnings.push({ file: `cluster ${conn.context}`, message, code });
  const chosen = chooseRules(config, options.overrides);
  const raw: EngineFinding[] = [];
  // What suppressions need at the end: the objects' ignore annotations (no file comments here).
  const suppressionModel = emptyModel();
  try {
    const read = await readCluster(client, { pageSize: options.read?.pageSize ?? DEFAULT_PAGE_SIZE, ...options.read }, warn);
    // Objects every namespace is judged with are read into the model once, and shared.
    const shared = emptyModel();
    const sharedFacts = new Map<string, ObjectFacts>();
    for (const o of read.shared) addApiObject(o, shared, errors, sharedFacts);
    suppressionModel.annotationSuppressions.push(...shared.annotationSuppressions);
    warnings.push(...shared.warnings);
    stats.objects += read.shared.length;

    for await (const batch of read.batches) {
      const model: ScanModel = { ...emptyModel(), kubeObjects: [...shared.kubeObjects], files: new Map(shared.files) };
      const facts = new Map<string, ObjectFacts>();
      const own: ApiObject[] = batch.namespace === undefined ? [...read.rbacByNamespace.values()].flat() : [...(read.rbacByNamespace.get(batch.namespace) ?? []), ...batch.objects];
      const before = model.kubeObjects.length;
      const podGroups = new Set<string>();
      for (const o of own) {
        const group = ownedPodKey(o);
        if (group !== undefined) {
          if (podGroups.has(group)) continue; // judged through the group's first pod, as groupOwnedPods would
          podGroups.add(group);
        }
        addApiObject(o, model, errors, facts);
      }
      groupOwnedPods(model);
      for (const f of checkModel(model, chosen)) {
        const fact = facts.get(f.location.file) ?? sharedFacts.get(f.location.file);
        // Each pass keeps the findings on its own objects: a Namespace's in its own pass, cluster-scoped ones in the first.
        if (!fact || fact.owner !== batch.namespace) continue;
        f.fieldPath = fieldAt(fact, f.location.startLine);
        if (fact.origin) f.origin = fact.origin;
        raw.push(f);
      }
      suppressionModel.annotationSuppressions.push(...model.annotationSuppressions);
      warnings.push(...model.warnings);
      if (batch.namespace !== undefined) {
        stats.namespaces++;
        stats.objects += batch.objects.length;
      } else stats.objects += model.kubeObjects.length - before;
      options.onBatch?.(batch.namespace, own.length);
    }
  } finally {
    stats.calls = client.stats.calls;
    stats.throttled = client.stats.throttled;
    stats.restarts = client.stats.restarts;
    if (!connection) conn.close();
  }
  if (stats.objects === 0) warn('nothing was checked: no object could be listed', 'nothing-scanned');
  suppressionModel.warnings = warnings;
  const out = suppressAndReport(raw, suppressionModel, errors, stats.objects, config, chosen.rules, { ...options, configFile: loaded.file });
  return { ...out, stats, context: conn.context };
}
