/**
 * Node's option parser with seaworthy's own messages: an unknown option names the
 * command and suggests the option meant, a missing value says which option needs
 * one, and the hint names the subcommand's help. No raw parser text reaches users.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { suggestion } from '../config/did-you-mean.js';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
/** What `parseArgs` returns for these options (values typed by the option table). */
export type ParsedCommandLine<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>>;

/**
 * `parseArgs` for `seaworthy <command>`, strict, positionals allowed.
 *
 * @example
 * const { values, positionals } = parseCommandLine('scan', argv, { format: { type: 'string', short: 'f' } });
 */
export function parseCommandLine<T extends Options>(command: string, args: string[], options: T): ParsedCommandLine<T> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw asUsageError(error, options, command) ?? error;
  }
}

/**
 * Node's option-parser error as a UsageError with seaworthy's wording (a command
 * that calls `parseArgs` itself still gets it through the router); undefined for
 * any other error.
 */
export function asUsageError(error: unknown, options: Options = {}, command?: string): UsageError | undefined {
  const code = (error as { code?: string } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  return new UsageError(describe(code, (error as Error).message, options), command);
}

function describe(code: string, raw: string, options: Options): string {
  const quoted = /'([^']+)'/.exec(raw)?.[1] ?? '';
  const longNames = Object.keys(options).map((name) => `--${name}`);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = quoted.split('=')[0]!;
    return `unknown option ${option}${suggestion(option, longNames)}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // Node's text: "Option '-f, --format <value>' argument missing" or "Option '--rm' does not take an argument".
    const long = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    return /does not take/.test(raw) ? `option ${long} takes no value` : `option ${long} needs a value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${quoted}`;
  return 'the command line could not be read';
}
