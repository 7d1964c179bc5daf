/**
 * `seaworthy scan [PATH...|-]`: read → parse → check → suppress → report.
 */
import { parseCommandLine } from './parse-command-line.js';
import { runScan, type ScanOverrides } from '../scan/run-scan.js';
import { CHECK_OPTIONS, checkRuleIds } from './check-options.js';
import { isSeverity, severityRank, type Severity } from '../model/severity.js';
import type { ScanResult } from '../report/scan-result.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { parseFormat, publishReport, writeReport } from './report-output.js';
import { toolVersion } from './version.js';
import { parseSize } from '../config/parse-size.js';
import { parseDuration } from '../scan/file-budget.js';
import { readStdin } from './read-stdin.js';
import { parsePodSecurityVersion } from '../pod-security/index.js';

export const SCAN_HELP = `Usage: seaworthy scan [options] [PATH...|-]

Checks Containerfiles, Kubernetes manifests, Compose files, podman/docker run
lines (in scripts, Makefiles, Markdown and systemd units) and Quadlet units —
files, directories, or - for standard input — against the rule catalogue
(seaworthy rules). In directories, node_modules, .git and the templates of Helm
charts are skipped; scan a chart's rendered output: helm template . | seaworthy scan -

Options:
  -f, --format FORMAT        text (default), json or sarif
  -o, --output FILE          write the report to FILE instead of standard output
      --fail-on SEVERITY     exit 1 only for findings at or above SEVERITY
                             (low, medium, high, critical, none; default: low)
  -c, --config FILE          configuration file (default: .seaworthy.yaml found
                             from the scanned path upwards)
      --rule ID              run only this rule (repeatable)
      --trusted-registry P   a trusted registry prefix (repeatable)
      --exclude GLOB         skip paths matching GLOB (repeatable)
      --max-file-size SIZE   skip files larger than SIZE (default 10MiB)
      --max-file-time TIME   reading one file may take TIME of CPU time (10s,
                             500ms, 2m; default 10s); past it that file is an
                             error and the others are still read
      --follow-outside       read files that inputs name (env_file, extends,
                             Yaml=, EnvironmentFile=…) and symlinks that lead
                             outside the scanned paths (default: warn, skip)
      --pod-security L[:V]   judge every workload by the Pod Security Standard L
                             (baseline or restricted) at version V (v1.N or
                             latest, the default); without it, Namespace labels
                             in the scanned set decide
      --stdin-filename NAME  what standard input is: its kind and the file name in
                             the report (cat Containerfile | seaworthy scan -
                             --stdin-filename Containerfile)
      --resolve-images       look up the images that signatures: in the
                             configuration requires in their registries and
                             verify their signatures (image-not-signed); with
                             --authfile FILE, --cert-dir DIR, --tls-verify=false
      --no-color             no colour even on a terminal (NO_COLOR is honoured)
      --verbose              text: a rule's remedy under every finding (default:
                             once per rule and file)
  -h, --help                 this help

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error or an
input that could not be read or parsed (every other input is still scanned).
`;

export async function runScanCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('scan', argv, {
    ...CHECK_OPTIONS,
    exclude: { type: 'string', multiple: true },
    'max-file-size': { type: 'string' },
    'max-file-time': { type: 'string' },
    'pod-security': { type: 'string' },
    'stdin-filename': { type: 'string' },
    'follow-outside': { type: 'boolean' },
    'resolve-images': { type: 'boolean' },
    authfile: { type: 'string' },
    'cert-dir': { type: 'string' },
    'tls-verify': { type: 'string' },
  });
  if (values.help) {
    await writeReport(SCAN_HELP, undefined);
    return EXIT.ok;
  }
  const format = parseFormat(values.format);
  const failOn = parseFailOn(values['fail-on']);
  const registryFlag = (['authfile', 'cert-dir', 'tls-verify'] as const).find((f) => values[f] !== undefined);
  if (registryFlag && !values['resolve-images']) throw new UsageError(`--${registryFlag} is for registries: it goes with --resolve-images`);
  const tlsVerify = values['tls-verify'];
  if (tlsVerify !== undefined && tlsVerify !== 'true' && tlsVerify !== 'false') throw new UsageError(`--tls-verify takes true or false, not "${tlsVerify}"`);
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = parseSize(values['max-file-size']);
    if (maxFileSize === undefined) throw new UsageError(`--max-file-size "${values['max-file-size']}" is not a size (e.g. 10MiB, 512KiB, 1000000)`);
  }
  let maxFileTime: number | undefined;
  if (values['max-file-time'] !== undefined) {
    maxFileTime = parseDuration(values['max-file-time']);
    if (maxFileTime === undefined) throw new UsageError(`--max-file-time "${values['max-file-time']}" is not a duration (e.g. 10s, 500ms, 2m)`);
  }
  const stdinFilename = values['stdin-filename'];
  // Naming standard input implies reading it (`cat Containerfile | seaworthy scan --stdin-filename Containerfile`).
  const paths = positionals.length ? positionals : stdinFilename !== undefined ? ['-'] : ['.'];
  if (stdinFilename !== undefined && !paths.includes('-')) throw new UsageError(`--stdin-filename names standard input, but - is not among the paths`);
  const stdin = paths.includes('-') ? await readStdin() : undefined;

  const podSecurity = values['pod-security'] !== undefined ? parsePodSecurityFlag(values['pod-security']) : undefined;
  const overrides: ScanOverrides = {
    ...(failOn !== undefined && { failOn }),
    ...(values.rule?.length && { only: checkRuleIds(values.rule) }),
    ...(podSecurity && { podSecurity }),
    trustedRegistries: values['trusted-registry'] ?? [],
    exclude: values.exclude ?? [],
    ...(maxFileSize !== undefined && { maxFileSize }),
    ...(maxFileTime !== undefined && { maxFileTime }),
  };
  const { result, failOn: effectiveFailOn } = await runScan(paths, {
    ...(values.config !== undefined && { configPath: values.config }),
    overrides,
    ...(stdin !== undefined && { stdin }),
    ...(stdinFilename !== undefined && { stdinFilename }),
    ...(values['follow-outside'] && { followOutside: true }),
    ...(values['resolve-images'] && {
      resolveImages: {
        ...(values.authfile !== undefined && { authfile: values.authfile }),
        ...(values['cert-dir'] !== undefined && { certDir: values['cert-dir'] }),
        ...(tlsVerify !== undefined && { tlsVerify: tlsVerify === 'true' }),
      },
    }),
    toolVersion: toolVersion(),
  });
  await publishReport(result, format, { output: values.output, noColor: values['no-color'], verbose: values.verbose });
  return exitCode(result, effectiveFailOn);
}

/** `restricted`, `baseline:v1.29`, `restricted:latest`. */
export function parsePodSecurityFlag(value: string): { level: 'baseline' | 'restricted'; version: string } {
  const [level, version = 'latest', extra] = value.split(':');
  if ((level !== 'baseline' && level !== 'restricted') || extra !== undefined || !parsePodSecurityVersion(version)) {
    throw new UsageError(`--pod-security "${value}" is not LEVEL[:VERSION] (LEVEL baseline or restricted; VERSION v1.N or latest)`);
  }
  return { level, version };
}

/** `none` never fails on findings; a severity fails on findings at or above it. */
export function parseFailOn(value: string | undefined): Severity | 'none' | undefined {
  if (value === undefined) return undefined;
  if (value === 'none' || isSeverity(value)) return value;
  throw new UsageError(`unknown --fail-on "${value}" (expected low, medium, high, critical or none)`);
}

export function exitCode(result: Pick<ScanResult, 'findings' | 'errors'>, failOn: Severity | 'none'): number {
  if (result.errors.length) return EXIT.error;
  if (failOn === 'none') return EXIT.ok;
  const bar = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= bar) ? EXIT.findings : EXIT.ok;
}
