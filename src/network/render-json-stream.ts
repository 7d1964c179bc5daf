/**
 * `seaworthy netpol --format json`, made piece by piece: the workloads, then one
 * connection at a time as the class-level result expands, so a cluster whose
 * pods allow millions of connections is never held whole. Same document shape as
 * `renderJson` (`{workloads, connections}`); connections come grouped by source
 * class rather than sorted.
 */
import { expandConnectivity, type ClassConnectivity } from './connectivity.js';
import { isolation } from './evaluate.js';
import { portEntries } from './port-set.js';

const BATCH = 256;

/**
 * The JSON document in chunks.
 *
 * @example
 * await writeReport(jsonChunks(classConnectivity(input)), undefined);
 */
export function* connectivityJsonChunks(cc: ClassConnectivity): Generator<string> {
  const { input, classes } = cc;
  // Isolation is a class property: evaluate it once per class.
  const iso = classes.representatives.map((p) => isolation(input, p));
  yield '{\n  "workloads": [';
  let first = true;
  let buf = '';
  for (let i = 0; i < input.pods.length; i++) {
    const p = input.pods[i]!;
    const w: Record<string, unknown> = { namespace: p.namespace, name: p.name, isolation: iso[classes.classOf[i]!] };
    if (p.workload) w['kind'] = p.workload.kind;
    buf += `${first ? '' : ','}\n${indent(w)}`;
    first = false;
    if (i % BATCH === BATCH - 1) { yield buf; buf = ''; }
  }
  yield `${buf}${first ? '' : '\n  '}],\n  "connections": [`;
  first = true;
  buf = '';
  let n = 0;
  for (const c of expandConnectivity(cc)) {
    buf += `${first ? '' : ','}\n${indent({ from: c.from, to: c.to, ports: portEntries(c.ports) })}`;
    first = false;
    if (++n % BATCH === 0) { yield buf; buf = ''; }
  }
  yield `${buf}${first ? '' : '\n  '}]\n}\n`;
}

/** As `JSON.stringify(doc, null, 2)` lays out an element of a top-level array. */
function indent(value: unknown): string {
  return `    ${JSON.stringify(value, null, 2).replace(/\n/g, '\n    ')}`;
}
