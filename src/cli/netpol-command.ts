/**
 * `seaworthy netpol`: what the NetworkPolicies of the scanned manifests allow, as
 * text, JSON, Graphviz dot or one HTML page; with `--suggest`, the policies that
 * close the gaps, as YAML. Reading files and exit codes belong to the CLI wiring.
 */
import type { ScanModel } from '../model/scan-model.js';
import { classConnectivity, computeConnectivity } from '../network/connectivity.js';
import { renderDot, renderJson, renderText } from '../network/render-connectivity.js';
import { networkUnits } from '../network/deployment-units.js';
import { endKey, type Connection } from '../network/connection-ends.js';
import type { NetworkInput } from '../network/types.js';
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
  const units = networkUnits(model);
  if (units.length === 1 && options.format === 'json') return connectivityJsonChunks(classConnectivity(units[0]!));
  const { input, connections } = units.length === 1 ? { input: units[0]!, connections: computeConnectivity(units[0]!) } : mergeUnits(units);
  if (options.format === 'json') return renderJson(input, connections);
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

/**
 * Deployment units analysed apart, shown together: every unit's connections
 * (once each), over the union of their workloads and policies.
 */
function mergeUnits(units: NetworkInput[]): { input: NetworkInput; connections: Connection[] } {
  const pods = [...new Map(units.flatMap((u) => u.pods).map((p) => [p.workload ?? p, p] as const)).values()];
  const policies = [...new Map(units.flatMap((u) => u.policies).map((p) => [p.source ?? p, p] as const)).values()];
  const namespaces = [...new Map(units.flatMap((u) => u.namespaces).map((n) => [n.name, n])).values()];
  const seen = new Set<string>();
  const connections: Connection[] = [];
  for (const u of units) {
    for (const c of computeConnectivity(u)) {
      const key = `${endKey(c.from)}\u0000${endKey(c.to)}\u0000${JSON.stringify(c.ports)}`;
      if (!seen.has(key)) { seen.add(key); connections.push(c); }
    }
  }
  return { input: { pods, policies, namespaces }, connections };
}
