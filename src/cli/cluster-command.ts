/**
 * `seaworthy cluster`: audits a running cluster with read-only rights. A thin shell:
 * options → runCluster (sources/cluster → model → engine) → the reporters of `scan`.
 */
import { parseCommandLine } from './parse-command-line.js';
import { CHECK_OPTIONS, checkRuleIds } from './check-options.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { parseFormat, publishReport, writeReport } from './report-output.js';
import { toolVersion } from './version.js';
import { exitCode, parseFailOn, parsePodSecurityFlag } from './scan-command.js';
import type { ScanOverrides } from '../scan/run-scan.js';

export const CLUSTER_HELP = `Usage: seaworthy cluster [options]

Audits the objects of a running cluster with the rules of 'seaworthy scan':
workloads (a Deployment's pods are judged once, through the Deployment), bare
Pods, Namespaces and their labels, NetworkPolicies, Services, ServiceAccounts,
LimitRanges and RBAC. Only get and list are used, never on Secrets: the
ClusterRole in deploy/cluster-audit/cluster-reader.yaml grants exactly what is read.
A kind the account may not list is a warning; the audit goes on without it.
Findings name kind/namespace/name, the field path, and where the object came
from (Argo CD, Flux, Helm, kubectl apply) when it says.

Connection (as kubectl):
      --kubeconfig FILE      kubeconfig file (default: KUBECONFIG, ~/.kube/config,
                             else the pod's service account)
      --context NAME         context of the kubeconfig (default: its current one)
  -n, --namespace NS         only this namespace (repeatable, or NS,NS)
  -A, --all-namespaces       every namespace (the default)
      --include-namespace G  only namespaces matching the glob G (repeatable)
      --exclude-namespace G  skip namespaces matching the glob G (repeatable)
      --page-size N          objects per list request (default 500)
      --qps N                requests per second after the burst (default 50;
                             0 for no limit)
      --burst N              requests sent at once before --qps applies (default 100)
                             A 429 answer is retried after its Retry-After; a
                             list whose continue token expired (410) restarts.
                             HTTPS_PROXY and NO_PROXY apply as for kubectl.

Report (as scan):
  -f, --format FORMAT        text (default), json or sarif
  -o, --output FILE          write the report to FILE instead of standard output
      --fail-on SEVERITY     exit 1 only for findings at or above SEVERITY
                             (low, medium, high, critical, none; default: low)
  -c, --config FILE          configuration file (default: .seaworthy.yaml found
                             from the current directory upwards)
      --rule ID              run only this rule (repeatable)
      --trusted-registry P   a trusted registry prefix (repeatable)
      --pod-security L[:V]   judge every workload by the Pod Security Standard L
                             at version V; without it, Namespace labels decide
      --stats                print API calls, retries and objects read to stderr
      --no-color             no colour even on a terminal (NO_COLOR is honoured)
      --verbose              text: a rule's remedy under every finding
  -h, --help                 this help

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error, the
cluster could not be reached, or an object could not be read.
`;

export async function runClusterCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('cluster', argv, {
    ...CHECK_OPTIONS,
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    namespace: { type: 'string', short: 'n', multiple: true },
    'all-namespaces': { type: 'boolean', short: 'A' },
    'include-namespace': { type: 'string', multiple: true },
    'exclude-namespace': { type: 'string', multiple: true },
    'page-size': { type: 'string' },
    qps: { type: 'string' },
    burst: { type: 'string' },
    'pod-security': { type: 'string' },
    stats: { type: 'boolean' },
  });
  if (values.help) {
    await writeReport(CLUSTER_HELP, undefined);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`cluster takes no paths (found "${positionals[0]}"); to check files, use seaworthy scan`);
  const format = parseFormat(values.format);
  const failOn = parseFailOn(values['fail-on']);
  const namespaces = values.namespace?.flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
  if (namespaces?.length && values['all-namespaces']) throw new UsageError('--namespace and --all-namespaces exclude each other');
  const pageSize = wholeNumber(values['page-size'], '--page-size', 1);
  const qps = number(values.qps, '--qps');
  const burst = wholeNumber(values.burst, '--burst', 1);
  const podSecurity = values['pod-security'] !== undefined ? parsePodSecurityFlag(values['pod-security']) : undefined;
  const overrides: ScanOverrides = {
    ...(failOn !== undefined && { failOn }),
    ...(values.rule?.length && { only: checkRuleIds(values.rule) }),
    ...(podSecurity && { podSecurity }),
    trustedRegistries: values['trusted-registry'] ?? [],
  };
  const [{ runCluster }, { KubeConfigError }, { ApiError }] = await Promise.all([
    import('../scan/run-cluster.js'),
    import('../sources/cluster/kube-connection.js'),
    import('../sources/cluster/api-client.js'),
  ]);
  let out;
  try {
    out = await runCluster({
      ...(values.config !== undefined && { configPath: values.config }),
      overrides,
      connection: { ...(values.kubeconfig !== undefined && { kubeconfig: values.kubeconfig }), ...(values.context !== undefined && { context: values.context }) },
      client: { ...(qps !== undefined && { qps }), ...(burst !== undefined && { burst }) },
      read: {
        ...(namespaces?.length && { namespaces }),
        ...(values['include-namespace']?.length && { include: values['include-namespace'] }),
        ...(values['exclude-namespace']?.length && { exclude: values['exclude-namespace'] }),
        ...(pageSize !== undefined && { pageSize }),
      },
      toolVersion: toolVersion(),
    });
  } catch (error) {
    // An unusable kubeconfig or an unreachable/refusing API server: one clear line, exit 2.
    if (error instanceof KubeConfigError || error instanceof ApiError) throw new UsageError(error.message);
    throw error;
  }
  await publishReport(out.result, format, { output: values.output, noColor: values['no-color'], verbose: values.verbose });
  if (values.stats) {
    const s = out.stats;
    process.stderr.write(`cluster ${out.context}: ${s.objects} objects in ${s.namespaces} namespaces, ${s.calls} API calls, ${s.throttled} throttled and retried, ${s.restarts} lists restarted (410 Gone)\n`);
  }
  return exitCode(out.result, out.failOn);
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || value.trim() === '') throw new UsageError(`${flag} must be a number of 0 or more; found "${value}"`);
  return n;
}

function wholeNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of ${min} or more; found "${value}"`);
  return n;
}
