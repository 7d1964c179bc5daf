/**
 * `seaworthy serve`: the admission webhook, and `seaworthy serve certs`: a CA and a
 * serving certificate for it. A thin shell: options → Reviewer + server + watchers.
 */
import { redactText } from '../secrets/secret-detection.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import type { Logger } from '../servers/json-log.js';

export const SERVE_HELP = `Usage: seaworthy serve --tls-cert FILE --tls-key FILE [options]
       seaworthy serve certs --service NAME --namespace NS --out DIR [--days N] [--name DNS|IP]...
       seaworthy serve harbor [--listen HOST:PORT] [--db DIR] [--store DIR] ... (see serve harbor --help)

Answers Kubernetes AdmissionReviews (admission.k8s.io/v1) over HTTPS with the same
rules, configuration and exceptions as 'seaworthy scan':
  POST /validate   enforce (deny), warn (warnings) or audit (annotation + log line)
  POST /mutate     a JSONPatch of the safe defaults chosen in admission.mutate
  GET  /healthz /readyz /metrics

Options:
  --listen HOST:PORT        address to listen on (default 0.0.0.0:8443)
  --config FILE             .seaworthy.yaml; reloaded when it changes (a bad file keeps the last good one)
  --tls-cert FILE           serving certificate (PEM); reloaded when it changes
  --tls-key FILE            its key (PEM)
  --namespace-labels SRC    auto|api|config: where Pod Security namespace labels come from
                            (default: admission.namespaceLabels, auto = the API server in a cluster)
  --kube-api URL            API server to read namespace labels from (default: in-cluster)
  --kube-token-file FILE    bearer token for --kube-api
  --kube-ca FILE            CA bundle for --kube-api
  --shutdown-delay SECONDS  after SIGTERM, keep answering (readyz 503) while endpoints update (default 0)
  --workers N|auto          processes sharing the port (default 1; auto: one per core it may
                            run on, not a container's CPU limit). Each
                            reloads TLS and configuration and drains on SIGTERM by itself;
                            /metrics answers with the sum over all workers

serve certs writes DIR/ca.crt, DIR/tls.crt and DIR/tls.key: a fresh CA and an ECDSA
P-256 certificate for NAME.NS.svc, localhost and 127.0.0.1 (for tests and first
installs; the Helm chart can use cert-manager instead).
`;

export async function runServeCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'certs') return runCertsCommand(argv.slice(1));
  if (argv[0] === 'harbor') return (await import('./serve-harbor-command.js')).runServeHarborCommand(argv.slice(1));
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      listen: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'namespace-labels': { type: 'string' },
      'kube-api': { type: 'string' },
      'kube-token-file': { type: 'string' },
      'kube-ca': { type: 'string' },
      'shutdown-delay': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return EXIT.ok;
  }
  const { host, port } = parseListen(values.listen ?? '0.0.0.0:8443');
  if (!values['tls-cert'] || !values['tls-key']) throw new UsageError('serve needs --tls-cert and --tls-key (make a pair with: seaworthy serve certs)');
  const labelsSource = values['namespace-labels'];
  if (labelsSource !== undefined && !['auto', 'api', 'config'].includes(labelsSource)) throw new UsageError(`unknown --namespace-labels "${labelsSource}" (expected auto, api or config)`);
  const delay = Number(values['shutdown-delay'] ?? '0');
  if (!Number.isFinite(delay) || delay < 0) throw new UsageError(`--shutdown-delay must be a number of seconds; found "${values['shutdown-delay']}"`);
  const { parseWorkers, runPrimary, workerMetricsText } = await import('../servers/cluster-workers.js');
  const workers = parseWorkers(values.workers ?? '1');
  if (workers === undefined) throw new UsageError(`--workers must be a whole number from 1 to 256 or auto; found "${values.workers}"`);
  const cluster = (await import('node:cluster')).default;

  const [{ Reviewer }, { startAdmissionServer }, { createMetrics }, { jsonLogger }, { loadConfigOrThrow, watchConfig }, labels, { createMutator }] = await Promise.all([
    import('../admission/reviewer.js'),
    import('../servers/admission-server.js'),
    import('../servers/metrics.js'),
    import('../servers/json-log.js'),
    import('../servers/config-reload.js'),
    import('../admission/namespace-labels.js'),
    import('../admission/mutate.js'),
  ]);
  const worker = cluster.isWorker ? cluster.worker : undefined;
  const log = worker ? withFields(jsonLogger(), { worker: worker.id }) : jsonLogger();
  let config;
  try {
    config = loadConfigOrThrow(values.config);
  } catch (error) {
    // Checked before any worker is forked: the mistake is said once, and nothing starts.
    process.stderr.write(`seaworthy: ${redactText((error as Error).message)}\n`);
    return EXIT.error;
  }
  if (workers > 1 && cluster.isPrimary) return runPrimary({ workers, log });
  const metrics = createMetrics();
  const source = labelsSource ?? config.admission.namespaceLabels;
  const access = values['kube-api']
    ? { server: values['kube-api'], ...(values['kube-token-file'] && { tokenFile: values['kube-token-file'] }), ...(values['kube-ca'] && { caFile: values['kube-ca'] }) }
    : labels.inClusterAccess();
  if (source === 'api' && !access) throw new UsageError('--namespace-labels api needs a cluster: run in a pod or give --kube-api');
  let current = (): typeof config => config;
  const namespaceLabels = source !== 'config' && access ? labels.apiNamespaceLabels(access, () => current(), (e) => log.error('namespace.read_failed', { error: e.message })) : labels.configNamespaceLabels(() => current());
  // Signatures (#16): one checker (and cache) for /validate and /mutate; idle without `signatures:`.
  const [{ AdmissionSignatures }, { withDigestPinning }] = await Promise.all([import('../signatures/admission-signatures.js'), import('../signatures/digest-mutation.js')]);
  const signatures = new AdmissionSignatures();
  const reviewer = new Reviewer(config, { namespaceLabels, signatures });
  current = () => reviewer.config;
  const running = await startAdmissionServer({
    host,
    port,
    certFile: values['tls-cert'],
    keyFile: values['tls-key'],
    reviewer,
    mutate: withDigestPinning(createMutator(() => reviewer.config), signatures, () => reviewer.config),
    metrics,
    log,
    ...(worker && { metricsText: workerMetricsText(metrics.registry) }),
  }).catch((error: unknown) => {
    // A worker that cannot listen (port in use, unreadable certificate) must exit, so that
    // the primary stops: its channel to the primary would keep it alive.
    if (worker) process.disconnect?.();
    throw error;
  });
  const configWatch = values.config ? watchConfig(values.config, (c) => reviewer.setConfig(c), log, metrics) : undefined;
  log.info('serve.started', { namespaceLabels: source !== 'config' && access ? 'api' : 'config', config: values.config ?? null });

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      // A worker gets Ctrl-C from the terminal and again from the primary: one drain.
      if (stopping) return;
      stopping = true;
      log.info('serve.signal', { signal, shutdownDelaySeconds: delay });
      running.setReady(false);
      configWatch?.stop();
      setTimeout(
        () =>
          void running.stop().then(() => {
            resolve(EXIT.ok);
            // A worker's channel to the primary would keep it alive.
            if (worker) process.disconnect?.();
          }),
        delay * 1000,
      );
    };
    const on = worker ? process.on.bind(process) : process.once.bind(process);
    on('SIGTERM', () => stop('SIGTERM'));
    on('SIGINT', () => stop('SIGINT'));
  });
}

async function runCertsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      service: { type: 'string' },
      namespace: { type: 'string' },
      out: { type: 'string' },
      days: { type: 'string' },
      name: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return EXIT.ok;
  }
  if (!values.service || !values.namespace || !values.out) throw new UsageError('serve certs needs --service, --namespace and --out');
  const days = Number(values.days ?? '365');
  if (!Number.isInteger(days) || days < 1) throw new UsageError(`--days must be a whole number of days; found "${values.days}"`);
  const { makeServingCerts } = await import('../servers/serving-certs.js');
  const certs = await makeServingCerts({ service: values.service, namespace: values.namespace, days, extraNames: values.name ?? [] });
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'ca.crt'), certs.caCert);
  writeFileSync(join(values.out, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(values.out, 'tls.key'), certs.tlsKey, { mode: 0o600 });
  process.stdout.write(`wrote ca.crt, tls.crt and tls.key to ${values.out} for ${certs.names.join(', ')}\n`);
  return EXIT.ok;
}

/** A logger that adds `fields` to every line (a worker's id). */
function withFields(log: Logger, fields: Record<string, unknown>): Logger {
  return { info: (e, f) => log.info(e, { ...fields, ...f }), error: (e, f) => log.error(e, { ...fields, ...f }) };
}

export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`--listen must be HOST:PORT (e.g. 0.0.0.0:8443); found "${text}"`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}
