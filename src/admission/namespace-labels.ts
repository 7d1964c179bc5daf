/**
 * Where namespace labels (the Pod Security `pod-security.kubernetes.io/*` labels) come
 * from at admission: the API server, read with the pod's own ServiceAccount and a
 * read-only ClusterRole, or the configuration's `admission.namespaces.*.labels`.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { Config } from '../config/config.js';
import type { NamespaceLabels } from './reviewer.js';

export interface KubeApiAccess {
  /** `https://host:port` */
  server: string;
  /** File holding the bearer token, read on each refresh (projected tokens rotate). */
  tokenFile?: string;
  /** CA bundle (PEM) of the API server. */
  caFile?: string;
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The in-cluster API server, from the variables the kubelet sets; undefined outside a cluster. */
export function inClusterAccess(env: NodeJS.ProcessEnv = process.env): KubeApiAccess | undefined {
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'] ?? '443';
  if (!host) return undefined;
  return { server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`, tokenFile: `${SERVICE_ACCOUNT}/token`, caFile: `${SERVICE_ACCOUNT}/ca.crt` };
}

/** Labels from configuration, read at each review so a reload takes effect. */
export function configNamespaceLabels(config: () => Config): NamespaceLabels {
  return (namespace) => config().admission.namespaces[namespace]?.labels;
}

/**
 * Labels read from the API server, cached for `ttlMs` (a namespace's labels change
 * rarely; an API round trip per review would eat the webhook's 3 s budget under load),
 * for at most `maxEntries` namespaces (the least recently used goes first).
 * When the API cannot be read, the configuration's labels are used and the failure is
 * reported once per refresh.
 *
 * @example
 * const labels = apiNamespaceLabels(inClusterAccess()!, () => reviewer.config, (e) => log.error('namespace.read_failed', { error: e.message }));
 */
export function apiNamespaceLabels(access: KubeApiAccess, config: () => Config, onError: (error: Error) => void, ttlMs = 30_000, maxEntries = 4096): NamespaceLabels {
  // `settled` holds the labels once read: a review then judges without waiting a turn.
  const cache = new Map<string, { at: number; labels: Promise<Record<string, string> | undefined>; settled?: { value: Record<string, string> | undefined } }>();
  const fallback = configNamespaceLabels(config);
  const ca = access.caFile ? readFileSync(access.caFile) : undefined;
  return (namespace) => {
    const hit = cache.get(namespace);
    if (hit && Date.now() - hit.at < ttlMs) {
      // Most recently used last: the first entry is the one to drop.
      cache.delete(namespace);
      cache.set(namespace, hit);
      return hit.settled ? hit.settled.value : hit.labels;
    }
    const labels = getNamespaceLabels(access, ca, namespace).catch((error: Error) => {
      onError(error);
      cache.delete(namespace);
      return fallback(namespace) as Record<string, string> | undefined;
    });
    const entry: { at: number; labels: typeof labels; settled?: { value: Record<string, string> | undefined } } = { at: Date.now(), labels };
    void labels.then((value) => (entry.settled = { value }));
    cache.delete(namespace);
    cache.set(namespace, entry);
    // Bounded: namespaces come and go over a server's life (CI namespaces per run).
    // A Map iterates in insertion order, and a use re-inserts: the first is the least recently used.
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    return labels;
  };
}

function getNamespaceLabels(access: KubeApiAccess, ca: Buffer | undefined, namespace: string): Promise<Record<string, string> | undefined> {
  const token = access.tokenFile ? readFileSync(access.tokenFile, 'utf8').trim() : undefined;
  const url = new URL(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, access.server);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { Accept: 'application/json', ...(token && { Authorization: `Bearer ${token}` }) }, ...(ca && { ca }), timeout: 1000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode === 404) return resolve(undefined);
        if (res.statusCode !== 200) return reject(new Error(`reading namespace ${namespace}: HTTP ${res.statusCode}`));
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata?: { labels?: Record<string, string> } };
          resolve(body.metadata?.labels ?? {});
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`reading namespace ${namespace}: timed out`)));
    req.on('error', reject);
    req.end();
  });
}
