/**
 * `seaworthy netpol`: what the NetworkPolicies of the scanned manifests allow, as
 * text, JSON, Graphviz dot or one HTML page; with `--suggest`, the policies that
 * close the gaps, as YAML. Reading files and exit codes belong to the CLI wiring.
 */
import type { ScanModel } from '../model/scan-model.js';
import { classConnectivity, computeConnectivity } from '../network/connectivity.js';
import { fromScanModel } from '../network/from-scan-model.js';
import { renderDot, renderText } from '../network/render-connectivity.js';
import { renderHtml } from '../network/render-html.js';
import { renderSuggestions } from '../network/suggest-policies.js';
import { connectivityJsonChunks } from '../network/render-json-stream.js';
import { renderNpGuard } from '../network/render-np-guard.js';

export type NetpolFormat = 'text' | 'json' | 'dot' | 'html' | 'txt' | 'csv' | 'md';

export interface NetpolOptions {
  format: NetpolFormat;
  /** Print suggested policies (YAML) instead of the connectivity; `format` is then ignored. */
  suggest: boolean;
  /** With `txt`, `csv` or `md`: np-guard's exposure analysis after the connections. */
  exposure?: boolean;
}

/**
 * Renders the command's output for an already-built scan model.
 *
 * @example
 * process.stdout.write(runNetpolCommand(model, { format: 'dot', suggest: false }));
 */
export function runNetpolCommand(model: ScanModel, options: NetpolOptions): string {
  const out = netpolOutput(model, options);
  return typeof out === 'string' ? out : [...out].join('');
}

/**
 * The command's output; JSON comes in pieces, one connection at a time, so a
 * large cluster's millions of connections are never held whole.
 */
export function netpolOutput(model: ScanModel, options: NetpolOptions): string | Iterable<string> {
  if (options.suggest) return renderSuggestions(model);
  const input = fromScanModel(model);
  if (options.format === 'json') return connectivityJsonChunks(classConnectivity(input));
  const connections = computeConnectivity(input);
  switch (options.format) {
    case 'dot':
      return renderDot(input, connections);
    case 'html':
      return renderHtml(input, connections);
    case 'txt':
    case 'csv':
    case 'md':
      return renderNpGuard(input, connections, options.format, options.exposure === true);
    default:
      return renderText(input, connections);
  }
}
