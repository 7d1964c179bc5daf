/**
 * `seaworthy serve harbor`: the Harbor scanner adapter. A thin shell: options →
 * job store + worker pool + HTTP server; SIGTERM stops taking requests and lets the
 * running scans finish (within the grace period), the store keeps the rest.
 */
import { readFileSync } from 'node:fs';
import { homedir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseDir } from '../advisories/advisory-db.js';
import { EXIT } from './exit-codes.js';
import { parseListen } from './serve-command.js';
import { UsageError } from './usage-error.js';
import { toolVersion } from './version.js';

export const SERVE_HARBOR_HELP = `Usage: seaworthy serve harbor [options]

Harbor's Pluggable Scanner API v1.2: register this adapter in Harbor
(Interrogation Services → Scanners → New Scanner, endpoint http://HOST:8080) and
Harbor's scans get seaworthy's vulnerability, misconfiguration and secret findings
and a CycloneDX SBOM.
  GET  /api/v1/metadata           scanner, capabilities, advisory database date
  POST /api/v1/scan               202 + id; the scan runs as a job
  GET  /api/v1/scan/{id}/report   302 + Refresh-After while it runs, then the report
  GET  /healthz /readyz /metrics

Options:
  --listen HOST:PORT        address to listen on (default 0.0.0.0:8080)
  --db DIR                  advisory database (seaworthy db update|import; default as 'db')
  --store DIR               job store: ids and reports that survive a restart
                            (default $SEAWORTHY_HARBOR_STORE or ~/.cache/seaworthy/harbor)
  --tls-cert FILE           serve HTTPS with this certificate (PEM; reloaded on change);
                            without it plain HTTP, as Harbor calls in-cluster adapters
  --tls-key FILE            its key (PEM)
  --workers N               scans running at once, each in a worker thread (default 2, at most the cores)
  --max-queue N             scans waiting beyond those before requests are refused (default 100)
  --scan-timeout SECONDS    a scan still running after this fails (default 600)
  --worker-heap MB          heap limit of each worker thread; a scan past it fails (default 1024)
  --retain HOURS            how long scan ids and reports are kept (default 24)
  --refresh-after SECONDS   what Refresh-After tells Harbor while a scan runs (default 5)
  --api-token-file FILE     require "Authorization: Bearer <token>" (Harbor's scanner auth setting)
  --config FILE             .seaworthy.yaml: rules and exceptions for the image findings
  --registry-cert-dir DIR   extra CA certificates (*.crt) for the registries Harbor names
  --registry-tls-verify=false  do not verify registry certificates (test setups only)
  --registry-foreign-realm MODE  a registry whose token realm is on another host:
                            refuse (default) or anonymous (ask it for a token
                            without Harbor's credential); the credential never goes there
  --shutdown-delay SECONDS  after SIGTERM, keep answering (readyz 503) this long (default 0)
`;

function positiveInt(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${what} must be a whole number above 0; found "${text}"`);
  return n;
}

export async function runServeHarborCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      listen: { type: 'string' },
      db: { type: 'string' },
      store: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      workers: { type: 'string' },
      'max-queue': { type: 'string' },
      'scan-timeout': { type: 'string' },
      'worker-heap': { type: 'string' },
      retain: { type: 'string' },
      'refresh-after': { type: 'string' },
      'api-token-file': { type: 'string' },
      config: { type: 'string', short: 'c' },
      'registry-cert-dir': { type: 'string' },
      'registry-tls-verify': { type: 'string' },
      'registry-foreign-realm': { type: 'string' },
      'shutdown-delay': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(SERVE_HARBOR_HELP);
    return EXIT.ok;
  }
  const { host, port } = parseListen(values.listen ?? '0.0.0.0:8080');
  if (!!values['tls-cert'] !== !!values['tls-key']) throw new UsageError('--tls-cert and --tls-key go together');
  const verify = values['registry-tls-verify'] ?? 'true';
  if (verify !== 'true' && verify !== 'false') throw new UsageError(`--registry-tls-verify must be true or false; found "${verify}"`);
  const foreignRealm = values['registry-foreign-realm'];
  if (foreignRealm !== undefined && foreignRealm !== 'anonymous' && foreignRealm !== 'refuse') throw new UsageError(`--registry-foreign-realm must be refuse or anonymous; found "${foreignRealm}"`);
  const workers = Math.min(positiveInt(values.workers, 2, '--workers'), Math.max(1, cpus().length));
  const maxQueue = positiveInt(values['max-queue'], 100, '--max-queue');
  const timeoutMs = positiveInt(values['scan-timeout'], 600, '--scan-timeout') * 1000;
  const workerHeapMb = positiveInt(values['worker-heap'], 1024, '--worker-heap');
  const retainMs = positiveInt(values.retain, 24, '--retain') * 3_600_000;
  const refreshAfterSeconds = positiveInt(values['refresh-after'], 5, '--refresh-after');
  const delay = Number(values['shutdown-delay'] ?? '0');
  if (!Number.isFinite(delay) || delay < 0) throw new UsageError(`--shutdown-delay must be a number of seconds; found "${values['shutdown-delay']}"`);
  let apiToken: string | undefined;
  if (values['api-token-file']) {
    try {
      apiToken = readFileSync(values['api-token-file'], 'utf8').trim();
    } catch (e) {
      throw new UsageError(`cannot read --api-token-file ${values['api-token-file']}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!apiToken) throw new UsageError(`--api-token-file ${values['api-token-file']} is empty`);
  }
  const storeDir = values.store ?? process.env['SEAWORTHY_HARBOR_STORE'] ?? join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'seaworthy', 'harbor');
  const dbDir = databaseDir(values.db);

  const [{ ScanJobs }, { startHarborServer }, { createHarborMetrics }, { jsonLogger }] = await Promise.all([
    import('../harbor/scan-jobs.js'),
    import('../harbor/harbor-server.js'),
    import('../harbor/harbor-metrics.js'),
    import('../servers/json-log.js'),
  ]);
  const log = jsonLogger();
  const metrics = createHarborMetrics();
  const version = toolVersion();
  const jobs = new ScanJobs({
    storeDir,
    dbDir,
    tlsVerify: verify === 'true',
    workers,
    maxQueue,
    timeoutMs,
    retainMs,
    toolVersion: version,
    workerHeapMb,
    metrics,
    log,
    ...(values.config !== undefined && { configPath: values.config }),
    ...(values['registry-cert-dir'] !== undefined && { certDir: values['registry-cert-dir'] }),
    ...(foreignRealm !== undefined && { foreignRealm }),
  });
  const running = await startHarborServer({
    host,
    port,
    jobs,
    dbDir,
    scanner: { name: 'seaworthy', vendor: 'seaworthy', version },
    metrics,
    log,
    refreshAfterSeconds,
    ...(values['tls-cert'] && values['tls-key'] && { certFile: values['tls-cert'], keyFile: values['tls-key'] }),
    ...(apiToken !== undefined && { apiToken }),
  });
  log.info('harbor.started', { store: storeDir, db: dbDir, workers, maxQueue, scanTimeoutSeconds: timeoutMs / 1000 });
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      log.info('serve.signal', { signal, shutdownDelaySeconds: delay });
      running.setReady(false);
      setTimeout(() => void running.stop().then(() => jobs.close()).then(() => resolve(EXIT.ok)), delay * 1000);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
