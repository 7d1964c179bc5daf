/**
 * How `seaworthy cluster` reaches the API server, as kubectl would: `--kubeconfig`,
 * else `KUBECONFIG` (several files merged), else `~/.kube/config`, else the pod's own
 * service account; `--context` picks the context. Loading and credentials are
 * @kubernetes/client-node's KubeConfig (certificates, tokens and token files, exec
 * plugins with their expiry, auth providers, `proxy-url`); the list calls themselves
 * are plain HTTPS (see api-client.ts for why).
 */
import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import { existsSync } from 'node:fs';
import { delimiter } from 'node:path';
import { HttpsProxyAgent } from 'hpagent';
import { proxyForUrl } from './proxy-env.js';

export interface ConnectionOptions {
  /** `--kubeconfig`: one file (kubectl takes one here too). */
  kubeconfig?: string;
  /** `--context`: a context of the kubeconfig instead of its current one. */
  context?: string;
  /** Environment to read KUBECONFIG, HTTPS_PROXY and NO_PROXY from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface KubeConnection {
  /** `https://host:port` (or a path prefix behind it). */
  server: string;
  /** The context used (`in-cluster` for a service account). */
  context: string;
  /** The context's namespace, when it names one (kubectl's default for `-n`). */
  namespace?: string;
  /** Headers and TLS settings for one request; credentials are refreshed when they expire. */
  requestOptions(): Promise<RequestOptions>;
  close(): void;
}

/** A kubeconfig that cannot be used: a usage error for the CLI. */
export class KubeConfigError extends Error {}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Loads the kubeconfig and prepares credentials.
 *
 * @example
 * const conn = await connect({ context: 'prod' });
 * const opts = await conn.requestOptions(); // { headers: { Authorization: 'Bearer …' }, agent, … }
 */
export async function connect(options: ConnectionOptions = {}): Promise<KubeConnection> {
  const env = options.env ?? process.env;
  // Loaded on demand: the generated API it carries costs about a second to import.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else if (env['KUBECONFIG']) loadMerged(kc, KubeConfig, env['KUBECONFIG']);
    else {
      kc.loadFromDefault();
      // client-node's last resort is http://localhost:8080, which kubectl never guesses.
      if (kc.getCurrentCluster()?.server === 'http://localhost:8080' && kc.getCurrentUser()?.name === 'user') {
        throw new KubeConfigError(`no kubeconfig: give --kubeconfig, set KUBECONFIG, write ~/.kube/config, or run in a pod with a service account (${SERVICE_ACCOUNT_TOKEN} is ${existsSync(SERVICE_ACCOUNT_TOKEN) ? 'there' : 'absent'})`);
      }
    }
  } catch (error) {
    if (error instanceof KubeConfigError) throw error;
    throw new KubeConfigError(`cannot read the kubeconfig${options.kubeconfig ? ` ${options.kubeconfig}` : ''}: ${(error as Error).message}`);
  }
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new KubeConfigError(`no context "${options.context}" in the kubeconfig${known.length ? ` (contexts: ${known.join(', ')})` : ''}`);
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeConfigError(`the context "${kc.getCurrentContext()}" names no cluster that the kubeconfig defines`);
  const server = cluster.server.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(server)) throw new KubeConfigError(`cluster "${cluster.name}": server "${cluster.server}" is not an https:// URL`);
  if (server.startsWith('http:')) throw new KubeConfigError(`cluster "${cluster.name}": server ${server} is plain http; seaworthy sends credentials only over https`);
  const contextObject = kc.getContextObject(kc.getCurrentContext());

  let agent: Agent | undefined;
  let agentKey = '';
  const proxy = cluster.proxyUrl ?? proxyForUrl(server, env);
  if (proxy !== undefined && !/^https?:\/\//.test(proxy)) {
    throw new KubeConfigError(`cluster "${cluster.name}": proxy ${proxy} is not an http:// or https:// proxy (SOCKS is not supported)`);
  }
  const requestOptions = async (): Promise<RequestOptions> => {
    const opts: RequestOptions = { headers: {} };
    await kc.applyToHTTPSOptions(opts);
    // client-node made an agent per call; one kept-alive agent serves every page.
    const tls: AgentOptions = {
      ...(opts.ca !== undefined && { ca: opts.ca }),
      ...(opts.cert !== undefined && { cert: opts.cert }),
      ...(opts.key !== undefined && { key: opts.key }),
      ...(opts.rejectUnauthorized !== undefined && { rejectUnauthorized: opts.rejectUnauthorized }),
      ...(cluster.tlsServerName && { servername: cluster.tlsServerName }),
    };
    // Exec plugins may hand out new client certificates: a new agent then.
    const key = `${String(opts.cert ?? '')}\u0000${String(opts.key ?? '')}`;
    if (!agent || key !== agentKey) {
      agent?.destroy();
      agentKey = key;
      agent = proxy
        ? (new HttpsProxyAgent({ ...tls, keepAlive: true, maxSockets: 4, proxy }) as unknown as Agent)
        : new Agent({ ...tls, keepAlive: true, maxSockets: 4 });
    }
    const headers = { ...(opts.headers as Record<string, string>) };
    if (opts.auth) headers['Authorization'] = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    return { agent, headers, ...tls };
  };
  // Fail early on unreadable certificate files or a broken exec plugin.
  try {
    await requestOptions();
  } catch (error) {
    throw new KubeConfigError(`credentials of context "${kc.getCurrentContext()}": ${(error as Error).message}`);
  }
  return {
    server,
    context: kc.getCurrentContext(),
    ...(contextObject?.namespace && { namespace: contextObject.namespace }),
    requestOptions,
    close: () => agent?.destroy(),
  };
}

type KubeConfigClass = typeof import('@kubernetes/client-node').KubeConfig;

/**
 * KUBECONFIG's files merged as kubectl merges them: missing files are skipped, the first
 * file to name a cluster, user or context (or a current-context) wins. client-node's own
 * merge throws on a name two files share and lets the last current-context win.
 */
function loadMerged(kc: InstanceType<KubeConfigClass>, KubeConfig: KubeConfigClass, list: string): void {
  const files = list.split(delimiter).filter((f) => f && existsSync(f));
  if (files.length === 0) throw new KubeConfigError(`none of the files in KUBECONFIG exists (${list})`);
  const parts = files.map((f) => {
    const one = new KubeConfig();
    one.loadFromFile(f);
    return one;
  });
  const firstByName = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Set<string>();
    return lists.flat().filter((x) => !seen.has(x.name) && seen.add(x.name));
  };
  kc.loadFromOptions({
    clusters: firstByName(parts.map((p) => p.getClusters())),
    users: firstByName(parts.map((p) => p.getUsers())),
    contexts: firstByName(parts.map((p) => p.getContexts())),
    currentContext: parts.map((p) => p.getCurrentContext()).find(Boolean) ?? '',
  });
}
