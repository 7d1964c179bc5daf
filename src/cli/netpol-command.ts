/**
 * `seaworthy netpol`: what the NetworkPolicies of the scanned manifests allow, as
 * text, JSON, Graphviz dot or one HTML page; with `--suggest`, the policies that
 * close the gaps, as YAML. Reading files and exit codes belong to the CLI wiring.
 */
import type { ScanModel } from '../model/scan-model.js';
import { computeConnectivity } from '../network/connectivity.js';
import { fromScanModel } from '../network/from-scan-model.js';
import { renderDot, renderJson, renderText } from '../network/render-connectivity.js';
import { renderHtml } from '../network/render-html.js';
import { renderSuggestions } from '../network/suggest-policies.js';

export type NetpolFormat = 'text' | 'json' | 'dot' | 'html';

export interface NetpolOptions {
  format: NetpolFormat;
  /** Print suggested policies (YAML) instead of the connectivity; `format` is then ignored. */
  suggest: boolean;
}

/**
 * Renders the command's output for an already-built scan model.
 *
 * @example
 * process.stdout.write(runNetpolCommand(model, { format: 'dot', suggest: false }));
 */
export function runNetpolCommand(model: ScanModel, options: NetpolOptions): string {
  if (options.suggest) return renderSuggestions(model);
  const input = fromScanModel(model);
  const connections = computeConnectivity(input);
  switch (options.format) {
    case 'json':
      return renderJson(input, connections);
    case 'dot':
      return renderDot(input, connections);
    case 'html':
      return renderHtml(input, connections);
    default:
      return renderText(input, connections);
  }
}
