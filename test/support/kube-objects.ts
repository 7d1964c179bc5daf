/**
 * Helpers for tests that put objects into the real API server (test/support/kube-cluster.ts):
 * a kubeconfig file for a token, and creating manifests through the API as
 * `kubectl create -f` would (the collection URL from the kind).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_KINDS, listPath } from '../../src/sources/cluster/cluster-kinds.js';
import type { KubeCluster } from './kube-cluster.js';

type Obj = Record<string, any>;

/**
 * Writes a kubeconfig with one context `name` for `token` (default: the admin's) and returns its path.
 *
 * @example
 * const file = kubeconfigFor(cluster, 'admin');
 */
export function kubeconfigFor(cluster: KubeCluster, name: string, options: { token?: string; server?: string; insecure?: boolean; proxyUrl?: string; caFile?: string; /** The user's fields as YAML lines (indented 4), instead of the token. */ user?: string } = {}): string {
  const file = join(cluster.dir, `kubeconfig-${name}`);
  const tls = options.insecure ? 'insecure-skip-tls-verify: true' : `certificate-authority: ${options.caFile ?? join(cluster.dir, 'pki', 'apiserver.crt')}`;
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: ${name}
  cluster:
    server: ${options.server ?? cluster.url}
    ${tls}${options.proxyUrl ? `\n    proxy-url: ${options.proxyUrl}` : ''}
users:
- name: ${name}
  user:
${options.user ?? `    token: ${options.token ?? cluster.adminToken}`}
contexts:
- name: ${name}
  context:
    cluster: ${name}
    user: ${name}
current-context: ${name}
`,
  );
  return file;
}

/** The collection an object is created in. */
export function collectionOf(o: Obj): string {
  const k = ALL_KINDS.find((x) => x.kind === o['kind']);
  if (!k) throw new Error(`no collection known for kind ${o['kind']}`);
  return listPath(k, o['metadata']?.['namespace']);
}

/** Creates objects in order; fails the test on any refusal. */
export async function createAll(cluster: KubeCluster, objects: readonly Obj[]): Promise<void> {
  for (const o of objects) {
    const answer = await cluster.call('POST', collectionOf(o), o);
    if (answer.status !== 201) throw new Error(`creating ${o['kind']} ${o['metadata']?.['namespace'] ?? ''}/${o['metadata']?.['name']}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
  }
}

/** Compacts etcd at its current revision: every continue token handed out before is expired (410 Gone). */
export async function compactEtcd(cluster: KubeCluster): Promise<number> {
  const post = async (path: string, body: unknown): Promise<any> => {
    const res = await fetch(`${cluster.etcdUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`etcd ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const revision = Number((await post('/v3/kv/range', { key: Buffer.from('/').toString('base64'), limit: 1 })).header.revision);
  await post('/v3/kv/compaction', { revision: String(revision), physical: true });
  return revision;
}
