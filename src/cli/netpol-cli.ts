/**
 * `seaworthy netpol [PATH...|-]`: what the NetworkPolicies in the scanned manifests
 * allow, as text, JSON, Graphviz dot or one HTML page; `--suggest` prints the
 * policies that close the gaps.
 */
import { redactText } from '../secrets/secret-detection.js';
import { parseCommandLine } from './parse-command-line.js';
import { scanPaths } from '../scan/scan.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { writeReport } from './report-output.js';
import { readStdin } from './read-stdin.js';
import { netpolOutput, type NetpolFormat } from './netpol-command.js';

export const NETPOL_HELP = `Usage: seaworthy netpol [options] [PATH...|-]

Computes which connections the NetworkPolicies in the scanned Kubernetes manifests
allow: between workloads, and to and from outside the cluster.

Options:
  -f, --format FORMAT   text (default, one line per allowed connection), json
                        (streamed), dot (Graphviz), html (one self-contained
                        page: the graph laid out in the browser by the elkjs
                        it inlines, and the tables), or np-guard's connlist
                        forms txt, csv and md (\`src => dst : conn\`, workloads
                        as ns/name[Kind])
      --exposure        with txt, csv or md: np-guard's exposure analysis, what
                        each workload is open to beyond the scanned workloads
      --suggest         print, as YAML ready to apply, a default-deny policy for
                        each namespace without one and the narrowest policy for
                        each workload that its Services and ports imply
  -o, --output FILE     write to FILE instead of standard output
      --exclude GLOB    skip paths matching GLOB (repeatable)
      --follow-outside  read files and symlinks outside the scanned paths
  -h, --help            this help

Exit codes: 0 done, 2 usage error or an input that could not be read or parsed.
`;

const FORMATS: readonly NetpolFormat[] = ['text', 'json', 'dot', 'html', 'txt', 'csv', 'md'];

export async function runNetpolCli(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('netpol', argv, {
    format: { type: 'string', short: 'f' },
    suggest: { type: 'boolean' },
    exposure: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    exclude: { type: 'string', multiple: true },
    'follow-outside': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await writeReport(NETPOL_HELP, undefined);
    return EXIT.ok;
  }
  const format = (values.format ?? 'text') as NetpolFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format "${values.format}" (expected ${FORMATS.join(', ')})`);
  if (values.exposure && !['txt', 'csv', 'md'].includes(format)) throw new UsageError('--exposure goes with --format txt, csv or md (np-guard\'s forms)');
  const paths = positionals.length ? positionals : ['.'];
  const stdin = paths.includes('-') ? await readStdin() : undefined;
  // Parsing only: the connectivity needs the model, not the rules.
  const out = await scanPaths(paths, { ...(stdin !== undefined && { stdin }), exclude: values.exclude ?? [], ...(values['follow-outside'] && { followOutside: true }), rules: [] });
  for (const e of out.errors) process.stderr.write(`seaworthy: ${e.file}${e.line !== undefined ? `:${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : ''}: ${redactText(e.message)}\n`);
  await writeReport(netpolOutput(out.model, { format, suggest: values.suggest === true, exposure: values.exposure === true }), values.output);
  return out.errors.length ? EXIT.error : EXIT.ok;
}
