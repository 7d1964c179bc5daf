/**
 * Structured log lines: one JSON object per line on standard output, the form log
 * collectors in a cluster parse without configuration.
 */
export type LogSink = (line: string) => void;

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/**
 * @example
 * jsonLogger().info('config.reloaded', { file: '/etc/seaworthy/config.yaml' });
 * // {"time":"…","level":"info","event":"config.reloaded","file":"/etc/seaworthy/config.yaml"}
 */
export function jsonLogger(sink: LogSink = (line) => process.stdout.write(line)): Logger {
  const write = (level: string, event: string, fields: Record<string, unknown> = {}): void => {
    sink(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  };
  return { info: (e, f) => write('info', e, f), error: (e, f) => write('error', e, f) };
}
