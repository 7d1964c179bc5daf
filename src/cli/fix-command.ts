/**
 * `seaworthy fix [PATH...|-]`: the hardened version of every input, as a unified
 * diff (default), written in place (`--write`), or — for standard input — the fixed
 * text on standard output. Same configuration, rules, suppressions and exit codes
 * as `scan`; what a fix cannot decide is reported on standard error.
 */
import { parseArgs } from 'node:util';
import { isAbsolute } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { structuredPatch } from 'diff';
import { CHECK_OPTIONS, checkRuleIds } from './check-options.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { useColor, writeReport } from './report-output.js';
import { toolVersion } from './version.js';
import { readStdin } from './read-stdin.js';
import { exitCode, parseFailOn } from './scan-command.js';
import { runFix, type FixedFile } from '../scan/run-fix.js';
import type { FixOptions } from '../edits/fix-options.js';
import { formatText } from '../report/format-text.js';

export const FIX_HELP = `Usage: seaworthy fix [options] [PATH...|-]

Fixes what scan finds, as small edits that keep comments, order, quoting and
indentation: Kubernetes manifests, Compose files, Quadlet units, podman/docker
run lines and Containerfiles. Prints a unified diff; --write edits the files.
With - (standard input) prints the fixed text. Findings a fix must not decide
(privileged, host network, an explicit setting) are listed on standard error.
Suppressed and accepted findings are never fixed.

Options:
  -w, --write                edit the files in place
      --rule ID              fix only this rule's findings (repeatable)
  -c, --config FILE          configuration file (as for scan; its fix: section
                             gives the values below, the flags win)
      --fail-on SEVERITY     exit 1 only for findings left at or above SEVERITY
      --trusted-registry P   a trusted registry prefix (repeatable)
      --exclude GLOB         skip paths matching GLOB (repeatable)
      --follow-outside       read files that inputs name and symlinks that lead
                             outside the scanned paths (default: warn, skip)
      --uid N                user for containers that run as root (default 10001;
                             an image's own known numeric user comes first)
      --gid N                group given with it (default: the uid)
      --cpu-limit Q          CPU limit for containers without one (Kubernetes
                             quantity, e.g. 500m; none by default)
      --memory-limit Q       memory limit for containers without one (e.g. 256Mi)
      --pids-limit N         process limit (Compose, run lines, Quadlet; default 100)
      --tmp-volume           with a read-only root, mount a memory-backed /tmp
                             (Kubernetes emptyDir, Compose tmpfs)
      --tmpfs-size SIZE      size limit for memory-backed mounts (default 64Mi)
      --bind-address ADDR    bind published ports to ADDR (e.g. 127.0.0.1);
                             without it ports are left alone
      --no-color             no colour even on a terminal
  -h, --help                 this help

Exit codes: 0 nothing left to fix, 1 fixes proposed (without --write) or findings
left that need a decision, 2 usage error or an input that could not be read.
`;

export async function runFixCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      rule: CHECK_OPTIONS.rule,
      config: CHECK_OPTIONS.config,
      'fail-on': CHECK_OPTIONS['fail-on'],
      'trusted-registry': CHECK_OPTIONS['trusted-registry'],
      'no-color': CHECK_OPTIONS['no-color'],
      help: CHECK_OPTIONS.help,
      write: { type: 'boolean', short: 'w' },
      exclude: { type: 'string', multiple: true },
      'follow-outside': { type: 'boolean' },
      uid: { type: 'string' },
      gid: { type: 'string' },
      'cpu-limit': { type: 'string' },
      'memory-limit': { type: 'string' },
      'pids-limit': { type: 'string' },
      'tmp-volume': { type: 'boolean' },
      'tmpfs-size': { type: 'string' },
      'bind-address': { type: 'string' },
    },
  });
  if (values.help) {
    await writeReport(FIX_HELP, undefined);
    return EXIT.ok;
  }
  const failOn = parseFailOn(values['fail-on']);
  const paths = positionals.length ? positionals : ['.'];
  const fromStdin = paths.includes('-');
  if (fromStdin && paths.length > 1) throw new UsageError('fix reads either standard input (-) or paths, not both');
  if (fromStdin && values.write) throw new UsageError('--write needs files; with - the fixed text goes to standard output');
  const stdin = fromStdin ? await readStdin() : undefined;
  const fix = fixOptions(values);
  const { files, remaining, configFailed, failOn: effectiveFailOn } = await runFix(paths, {
    ...(values.config !== undefined && { configPath: values.config }),
    overrides: {
      ...(failOn !== undefined && { failOn }),
      ...(values.rule?.length && { only: checkRuleIds(values.rule) }),
      trustedRegistries: values['trusted-registry'] ?? [],
      exclude: values.exclude ?? [],
    },
    ...(stdin !== undefined && { stdin }),
    ...(values['follow-outside'] && { followOutside: true }),
    toolVersion: toolVersion(),
    fix,
  });
  const color = values['no-color'] ? false : useColor(false);
  if (fromStdin) {
    const fixed = files.find((f) => f.path === '<stdin>');
    const original = stdin === undefined ? '' : Buffer.from(stdin).toString('utf8');
    process.stdout.write(fixed ? bomOf(original) + fixed.after : original);
  } else if (values.write) {
    for (const file of files) await writeFixed(file);
    if (files.length) process.stderr.write(`seaworthy: fixed ${describe(files)}\n`);
  } else {
    process.stdout.write(files.map(unifiedDiff).join(''));
  }
  if (remaining.findings.length || remaining.errors.length) {
    process.stderr.write(`${configFailed ? '' : 'Left for a decision:\n'}${formatText(remaining, { color, remedies: false })}`);
  }
  const left = exitCode(remaining, effectiveFailOn);
  if (left === EXIT.error) return left;
  return !values.write && !fromStdin && files.length ? EXIT.findings : left;
}

function fixOptions(values: Record<string, string | boolean | string[] | undefined>): FixOptions {
  const number = (name: string): number | undefined => {
    const raw = values[name];
    if (typeof raw !== 'string') return undefined;
    if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} "${raw}" is not a whole number`);
    return Number(raw);
  };
  const text = (name: string): string | undefined => {
    const raw = values[name];
    if (typeof raw !== 'string') return undefined;
    if (!/^[\w.:-]+$/.test(raw)) throw new UsageError(`--${name} "${raw}" is not a plain value`);
    return raw;
  };
  const options: FixOptions = {};
  const uid = number('uid');
  const gid = number('gid');
  const pids = number('pids-limit');
  if (uid !== undefined) {
    if (uid === 0) throw new UsageError('--uid 0 is root: give a non-root uid');
    options.uid = uid;
  }
  if (gid !== undefined) options.gid = gid;
  if (pids !== undefined) options.pidsLimit = pids;
  const cpu = text('cpu-limit');
  const memory = text('memory-limit');
  const size = text('tmpfs-size');
  const bind = text('bind-address');
  if (cpu) options.cpuLimit = cpu;
  if (memory) options.memoryLimit = memory;
  if (size) options.tmpfsSize = size;
  if (bind) options.bindAddress = bind;
  if (values['tmp-volume'] === true) options.tmpVolume = true;
  return options;
}

/** A git-style unified diff of one file (3 lines of context). */
export function unifiedDiff(file: FixedFile): string {
  const patch = structuredPatch(file.path, file.path, file.before, file.after, '', '', { context: 3 });
  const [a, b] = isAbsolute(file.path) ? [file.path, file.path] : [`a/${file.path}`, `b/${file.path}`];
  const out = [`--- ${a}\n`, `+++ ${b}\n`];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@\n`);
    for (const line of hunk.lines) out.push(`${line}\n`);
  }
  return out.join('');
}

async function writeFixed(file: FixedFile): Promise<void> {
  // The scan read the text without its byte-order mark: put it back.
  const raw = await readFile(file.path, 'utf8');
  await writeFile(file.path, bomOf(raw) + file.after);
}

function bomOf(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
}

function describe(files: readonly FixedFile[]): string {
  const edits = files.reduce((n, f) => n + f.applied.length, 0);
  return `${edits} setting${edits === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: ${files.map((f) => f.path).join(', ')}`;
}
