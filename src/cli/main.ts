/**
 * The command router: `seaworthy <command> [options]`. Every error a user can cause
 * ends as one clear line and exit code 2, never a stack trace.
 */
import { redactText } from '../secrets/secret-detection.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { toolVersion } from './version.js';
import { suggestion } from '../config/did-you-mean.js';
import { asUsageError } from './parse-command-line.js';

const HELP = `Usage: seaworthy <command> [options]

Commands:
  scan [PATH...|-]     check Containerfiles, Kubernetes manifests, Compose files,
                       podman/docker run lines and Quadlet units
  fix [PATH...|-]      fix what scan finds, as a diff (or --write) that keeps
                       comments and layout
  image REF            check a built image (oci:, oci-archive:, docker-archive:, docker://)
  cluster              audit a running cluster with read-only rights (kubeconfig,
                       --context, --namespace), with the rules of scan
  netpol [PATH...|-]   what the NetworkPolicies allow (--format text|json|dot|html,
                       --suggest for the policies that close the gaps)
  db import|update|status  the local OSV advisory database for image --scanners vuln
  rules [ID...]        list the rule catalogue (--format text|json|markdown)
  serve                the admission webhook (validating and mutating); serve certs
                       makes a CA and serving certificate for it; serve harbor is
                       the Harbor scanner adapter (Pluggable Scanner API v1.2)
  version              print the version

Run 'seaworthy <command> --help' for a command's options.
`;

type Command = (argv: string[]) => Promise<number>;

// Commands load lazily: `seaworthy rules` need not load the parsers.
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./scan-command.js')).runScanCommand,
  fix: async () => (await import('./fix-command.js')).runFixCommand,
  rules: async () => (await import('./rules-command.js')).runRulesCommand,
  image: async () => (await import('./image-command.js')).runImageCommand,
  cluster: async () => (await import('./cluster-command.js')).runClusterCommand,
  netpol: async () => (await import('./netpol-cli.js')).runNetpolCli,
  serve: async () => (await import('./serve-command.js')).runServeCommand,
  db: async () => (await import('./db-command.js')).runDbCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(HELP);
      return name ? EXIT.ok : EXIT.error;
    }
    if (name === 'version' || name === '--version' || name === '-V') {
      process.stdout.write(`${toolVersion()}\n`);
      return EXIT.ok;
    }
    const load = COMMANDS[name];
    if (!load) throw new UsageError(`unknown command "${name}"${suggestion(name, [...Object.keys(COMMANDS), 'version', 'help'])}`);
    try {
      return await (await load())(rest);
    } catch (error) {
      // The hint names the help of the command that was running.
      const usage = error instanceof UsageError ? error : asUsageError(error);
      if (!usage) throw error;
      usage.command ??= name;
      throw usage;
    }
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  const e = error as { code?: string; message?: string };
  if (error instanceof UsageError) {
    process.stderr.write(`seaworthy: ${redactText(String(e.message))}\nRun 'seaworthy ${error.command ? `${error.command} ` : ''}--help' for usage.\n`);
    return EXIT.error;
  }
  // The reader of standard output went away (`seaworthy scan | head`): what it wanted was
  // read, so say nothing, as cat and grep do; the exit code still says the report is incomplete.
  if (e?.code === 'EPIPE') return EXIT.error;
  // Unexpected: still one line, but with the debug hint rather than a stack.
  process.stderr.write(`seaworthy: internal error: ${redactText(e?.message ?? String(error))}\n`);
  if (process.env['SEAWORTHY_DEBUG']) process.stderr.write(`${redactText((error as Error)?.stack ?? '')}\n`);
  return EXIT.error;
}
