/**
 * The bare work of a cluster audit's reading, for bench/cluster.ts: list the same kinds
 * `seaworthy cluster` lists, cluster-wide, 500 per page, with plain node:https and a
 * kept-alive agent, JSON.parse each page and drop it. Prints `{ calls, objects }`.
 * Usage: node cluster-list-baseline.js SERVER TOKEN CA_FILE [client-node]
 * With `client-node`, the same lists through @kubernetes/client-node's generated API
 * (model classes per object), to show what plain HTTPS saves.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { ALL_KINDS, listPath } from '../src/sources/cluster/cluster-kinds.js';

const [server, token, caFile, mode] = process.argv.slice(2) as [string, string, string, string | undefined];
const PAGE = 500;
let calls = 0;
let objects = 0;

async function plain(): Promise<void> {
  const agent = new Agent({ keepAlive: true, ca: readFileSync(caFile) });
  const get = (path: string): Promise<any> =>
    new Promise((resolve, reject) => {
      calls++;
      request(`${server}${path}`, { agent, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`${path}: ${res.statusCode}`))));
      }).on('error', reject).end();
    });
  for (const kind of ALL_KINDS) {
    let cont: string | undefined;
    do {
      const list = await get(`${listPath(kind)}?limit=${PAGE}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      objects += list.items.length;
      cont = list.metadata?.continue || undefined;
    } while (cont);
  }
  agent.destroy();
}

async function clientNode(): Promise<void> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  kc.loadFromClusterAndUser({ name: 'bench', server, caFile, skipTLSVerify: false }, { name: 'bench', token });
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const batch = kc.makeApiClient(k8s.BatchV1Api);
  const net = kc.makeApiClient(k8s.NetworkingV1Api);
  const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  type Lister = (p: { limit: number; _continue?: string }) => Promise<{ items: unknown[]; metadata?: { _continue?: string } }>;
  const listers: Lister[] = [
    (p) => core.listNamespace(p), (p) => rbac.listClusterRole(p), (p) => rbac.listClusterRoleBinding(p),
    (p) => rbac.listRoleForAllNamespaces(p), (p) => rbac.listRoleBindingForAllNamespaces(p),
    (p) => core.listPodForAllNamespaces(p), (p) => core.listReplicationControllerForAllNamespaces(p), (p) => core.listPodTemplateForAllNamespaces(p),
    (p) => core.listServiceForAllNamespaces(p), (p) => core.listServiceAccountForAllNamespaces(p), (p) => core.listLimitRangeForAllNamespaces(p),
    (p) => apps.listDeploymentForAllNamespaces(p), (p) => apps.listReplicaSetForAllNamespaces(p), (p) => apps.listStatefulSetForAllNamespaces(p),
    (p) => apps.listDaemonSetForAllNamespaces(p), (p) => batch.listJobForAllNamespaces(p), (p) => batch.listCronJobForAllNamespaces(p),
    (p) => net.listNetworkPolicyForAllNamespaces(p),
  ];
  for (const list of listers) {
    let cont: string | undefined;
    do {
      calls++;
      const page = await list({ limit: PAGE, ...(cont && { _continue: cont }) });
      objects += page.items.length;
      cont = page.metadata?._continue || undefined;
    } while (cont);
  }
}

await (mode === 'client-node' ? clientNode() : plain());
process.stdout.write(`${JSON.stringify({ calls, objects })}\n`);
