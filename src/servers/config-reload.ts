/**
 * Reloads the configuration file when it changes. A file that no longer parses, or
 * names an unknown rule, is rejected with a log line and the last good configuration
 * stays in force: a typo during an edit must not open (or close) the cluster.
 */
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/config.js';
import { fullCatalogue } from '../scan/run-scan.js';
import { watchFiles, type FileWatch } from './file-watch.js';
import type { Logger } from './json-log.js';
import type { AdmissionMetrics } from './metrics.js';

/** Loads a configuration file, or throws with every error it has. */
export function loadConfigOrThrow(file: string | undefined): Config {
  const loaded = loadConfig(file, '.', fullCatalogue.map((r) => r.id));
  if (loaded.errors.length) {
    throw new Error(loaded.errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}: ${e.message}`).join('; '));
  }
  return loaded.config;
}

/**
 * @example
 * const watch = watchConfig('/etc/seaworthy/config.yaml', (c) => reviewer.setConfig(c), log, metrics);
 */
export function watchConfig(file: string, apply: (config: Config) => void, log: Logger, metrics: AdmissionMetrics, intervalMs = 1000): FileWatch {
  return watchFiles(
    [file],
    () => {
      try {
        apply(loadConfigOrThrow(file));
        metrics.configReloads.inc({ result: 'ok' });
        log.info('config.reloaded', { file });
      } catch (error) {
        metrics.configReloads.inc({ result: 'rejected' });
        log.error('config.reload_rejected', { file, error: (error as Error).message, keeping: 'the last good configuration' });
      }
    },
    intervalMs,
  );
}
