/**
 * np-guard's netpol-analyzer `list` output, so the two tools compare line by line:
 * `src => dst : conn` in txt, csv and md, workloads named `namespace/name[Kind]`,
 * addresses as IPv4 ranges `a.b.c.d-e.f.g.h[External]` (one line per contiguous
 * range with the same connections), connections as `All Connections` or
 * `TCP 80,8080-8090,UDP 53`. With `exposure`, np-guard's "Exposure Analysis
 * Result" follows: what each workload is open to beyond the scanned workloads —
 * the entire cluster, pods a selector admits in namespaces outside the scanned
 * set, and addresses. A workload reaching itself is not listed (np-guard leaves
 * it out), nor are IPv6 ranges (np-guard's ranges are IPv4).
 */
import { parseCidr, cidrLast, formatIp } from './cidr.js';
import type { Connection, ConnectionEnd } from './connection-ends.js';
import { isolation } from './evaluate.js';
import { isAllPorts, type PortSet } from './port-set.js';
import { NAMESPACE_NAME_LABEL, PROTOCOLS, type LabelSelector, type NetworkInput } from './types.js';

export type NpGuardFormat = 'txt' | 'csv' | 'md';

interface Line {
  src: string;
  dst: string;
  conn: string;
}

/**
 * Renders the connections (and, asked for, the exposure) in np-guard's form.
 *
 * @example
 * renderNpGuard(input, computeConnectivity(input), 'txt', false);
 */
export function renderNpGuard(input: NetworkInput, connections: readonly Connection[], format: NpGuardFormat, exposure: boolean): string {
  const conns: Line[] = [];
  const ingress: Line[] = [];
  const egress: Line[] = [];
  const external = new Map<string, { workload: string; toWorkload: boolean; lo: bigint; hi: bigint; ports: PortSet }[]>();
  for (const c of connections) {
    if (c.from.kind === 'workload' && c.to.kind === 'workload') {
      const src = peerName(c.from);
      const dst = peerName(c.to);
      if (src !== dst) conns.push({ src, dst, conn: connString(c.ports) });
      continue;
    }
    const toWorkload = c.to.kind === 'workload';
    const inside = toWorkload ? c.to : c.from;
    const outside = toWorkload ? c.from : c.to;
    if (inside.kind !== 'workload') continue;
    const workload = peerName(inside);
    if (outside.kind === 'external') {
      for (const [lo, hi] of ipv4Ranges(outside.cidr, outside.except)) {
        const key = `${workload}\u0000${toWorkload}`;
        const list = external.get(key) ?? [];
        list.push({ workload, toWorkload, lo, hi, ports: c.ports });
        external.set(key, list);
      }
    } else if (exposure) {
      const rep = representative(outside);
      (toWorkload ? ingress : egress).push(toWorkload ? { src: rep, dst: workload, conn: connString(c.ports) } : { src: workload, dst: rep, conn: connString(c.ports) });
    }
  }
  for (const list of external.values()) {
    for (const r of mergeRanges(list)) {
      const ip = `${r.range}[External]`;
      const line = r.toWorkload ? { src: ip, dst: r.workload, conn: r.conn } : { src: r.workload, dst: ip, conn: r.conn };
      conns.push(line);
      if (exposure) (r.toWorkload ? ingress : egress).push(line);
    }
  }
  const unprotected: string[] = [];
  if (exposure) {
    for (const p of input.pods) {
      const iso = isolation(input, p);
      const name = peerName({ kind: 'workload', namespace: p.namespace, name: p.name, ...(p.workload && { workloadKind: p.workload.kind }), ...(p.workload?.variant && { variant: p.workload.variant }) });
      if (!iso.ingress) unprotected.push(`${name} is not protected on Ingress`);
      if (!iso.egress) unprotected.push(`${name} is not protected on Egress`);
    }
  }
  sortLines(conns, true);
  sortLines(egress, true);
  sortLines(ingress, false);
  unprotected.sort();
  const peers = [...new Set(input.pods.map((p) => peerName({ kind: 'workload', namespace: p.namespace, name: p.name, ...(p.workload && { workloadKind: p.workload.kind }), ...(p.workload?.variant && { variant: p.workload.variant }) })))];
  if (format === 'csv') return csv(conns, exposure, egress, ingress);
  if (format === 'md') return md(conns, exposure, egress, ingress);
  return txt(conns, exposure, egress, ingress, unprotected, Math.max(0, ...peers.map((p) => p.length)));
}

/** `ns/name[Kind]`, with the labels that set a variant apart: `ns/web[Deployment]{track=canary}`. */
export function peerName(end: ConnectionEnd): string {
  if (end.kind !== 'workload') return end.kind === 'external' ? end.cidr : end.label;
  const variant = end.variant ? `{${Object.entries(end.variant).map(([k, v]) => `${k}=${v}`).join(',')}}` : '';
  return `${end.namespace}/${end.name}[${end.workloadKind ?? 'Pod'}]${variant}`;
}

/** `All Connections`, or `TCP 80,8080-8090,UDP 53` (protocols sorted, as np-guard sorts them). */
export function connString(ports: PortSet): string {
  if (isAllPorts(ports) && ports.named.length === 0) return 'All Connections';
  const parts: string[] = [];
  for (const p of PROTOCOLS) {
    const items = ports.ranges[p].map((r) => (r[0] === r[1] ? String(r[0]) : `${r[0]}-${r[1]}`));
    for (const n of ports.named) if (n.protocol === p) items.push(n.name);
    if (items.length) parts.push(`${p} ${items.join(',')}`);
  }
  return parts.length ? parts.sort().join(',') : 'No Connections';
}

/** np-guard's representative peer: `entire-cluster`, `[all namespaces]/[pod with {k8s-app=kube-dns}]`, `ns/[all pods]`. */
function representative(end: ConnectionEnd): string {
  if (end.kind !== 'pods') return '';
  const ns = end.namespaceSelector;
  const pod = end.podSelector;
  const nsEmpty = !Object.keys(ns.matchLabels ?? {}).length && !(ns.matchExpressions ?? []).length;
  if (nsEmpty && !pod) return 'entire-cluster';
  const name = ns.matchLabels?.[NAMESPACE_NAME_LABEL];
  const nsText = name !== undefined && Object.keys(ns.matchLabels!).length === 1 && !(ns.matchExpressions ?? []).length
    ? name
    : nsEmpty ? '[all namespaces]' : `[namespace with {${selectorText(ns)}}]`;
  return `${nsText}/${pod ? `[pod with {${selectorText(pod)}}]` : '[all pods]'}`;
}

/** `a=b,c=d,key In (x,y),key2 Exists`, as np-guard writes selectors. */
function selectorText(sel: LabelSelector): string {
  const labels = Object.entries(sel.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
  const reqs = (sel.matchExpressions ?? []).map((r) => (r.operator === 'In' || r.operator === 'NotIn' ? `${r.key} ${r.operator} (${[...(r.values ?? [])].sort().join(',')})` : `${r.key} ${r.operator}`)).sort();
  return [...labels, ...reqs].join(',');
}

/** The IPv4 ranges of `cidr` minus `except`; nothing for IPv6 blocks. */
function ipv4Ranges(cidr: string, except: readonly string[]): [bigint, bigint][] {
  const block = parseCidr(cidr);
  if (!block || block.family !== 4) return [];
  let ranges: [bigint, bigint][] = [[block.base, cidrLast(block)]];
  for (const e of except) {
    const hole = parseCidr(e);
    if (!hole || hole.family !== 4) continue;
    const a = hole.base;
    const b = cidrLast(hole);
    ranges = ranges.flatMap(([lo, hi]): [bigint, bigint][] => {
      if (b < lo || a > hi) return [[lo, hi]];
      const out: [bigint, bigint][] = [];
      if (a > lo) out.push([lo, a - 1n]);
      if (b < hi) out.push([b + 1n, hi]);
      return out;
    });
  }
  return ranges;
}

/**
 * Splits one workload's address entries (one direction) into disjoint ranges,
 * each with the union of the connections that cover it, merging neighbours
 * whose connections are equal.
 */
function mergeRanges(list: { workload: string; toWorkload: boolean; lo: bigint; hi: bigint; ports: PortSet }[]): { workload: string; toWorkload: boolean; range: string; conn: string }[] {
  const cuts = [...new Set(list.flatMap((e) => [e.lo, e.hi + 1n]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pieces: { lo: bigint; hi: bigint; conn: string }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i]!;
    const hi = cuts[i + 1]! - 1n;
    const covering = list.filter((e) => e.lo <= lo && hi <= e.hi);
    if (covering.length === 0) continue;
    const conn = covering.length === 1 ? connString(covering[0]!.ports) : connString(unionPorts(covering.map((e) => e.ports)));
    const last = pieces[pieces.length - 1];
    if (last && last.conn === conn && last.hi + 1n === lo) last.hi = hi;
    else pieces.push({ lo, hi, conn });
  }
  const { workload, toWorkload } = list[0]!;
  return pieces.map((p) => ({ workload, toWorkload, conn: p.conn, range: `${formatIp({ family: 4, value: p.lo })}-${formatIp({ family: 4, value: p.hi })}` }));
}

function unionPorts(sets: PortSet[]): PortSet {
  const out: PortSet = { ranges: { TCP: [], UDP: [], SCTP: [] }, named: [] };
  for (const s of sets) {
    for (const p of PROTOCOLS) out.ranges[p] = mergeList([...out.ranges[p], ...s.ranges[p]]);
    for (const n of s.named) if (!out.named.some((m) => m.protocol === n.protocol && m.name === n.name)) out.named.push(n);
  }
  return out;
}

function mergeList(ranges: (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function sortLines(lines: Line[], bySrc: boolean): void {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  lines.sort((a, b) => (bySrc ? cmp(a.src, b.src) || cmp(a.dst, b.dst) : cmp(a.dst, b.dst) || cmp(a.src, b.src)));
}

function txt(conns: Line[], exposure: boolean, egress: Line[], ingress: Line[], unprotected: string[], width: number): string {
  let out = conns.map((c) => `${c.src} => ${c.dst} : ${c.conn}\n`).join('');
  if (!exposure) return out;
  if (out !== '') out += '\n';
  const row = (peer: string, arrow: string, other: string, conn: string): string => `${peer.padEnd(width)} \t${arrow} \t${other} : ${conn}`;
  out += 'Exposure Analysis Result:\n';
  out += section(egress.map((l) => row(l.src, '=>', l.dst, l.conn)), 'Egress Exposure:\n');
  out += section(ingress.map((l) => row(l.dst, '<=', l.src, l.conn)), `${egress.length ? '\n' : ''}Ingress Exposure:\n`);
  out += section(unprotected, '\nWorkloads not protected by network policies:\n');
  return out;
}

function section(lines: string[], header: string): string {
  return lines.length ? `${header}${lines.join('\n')}\n` : '';
}

function md(conns: Line[], exposure: boolean, egress: Line[], ingress: Line[]): string {
  const head = (a: string, b: string): string => `| ${a} | ${b} | conn |\n|-----|-----|------|`;
  const lines = [head('src', 'dst'), ...conns.map((c) => `| ${c.src} | ${c.dst} | ${c.conn} |`)];
  if (!exposure) return `${lines.join('\n')}\n`;
  lines.push('## Exposure Analysis Result:');
  lines.push(section(egress.map((c) => `| ${c.src} | ${c.dst} | ${c.conn} |`), `### Egress Exposure:\n${head('src', 'dst')}\n`));
  lines.push(section(ingress.map((c) => `| ${c.dst} | ${c.src} | ${c.conn} |`), `### Ingress Exposure:\n${head('dst', 'src')}\n`));
  return lines.join('\n');
}

function csv(conns: Line[], exposure: boolean, egress: Line[], ingress: Line[]): string {
  const rows: string[][] = [['src', 'dst', 'conn'], ...conns.map((c) => [c.src, c.dst, c.conn])];
  if (exposure) {
    rows.push(['Exposure Analysis Result:', '', '']);
    if (egress.length) rows.push(['Egress Exposure:', '', ''], ['src', 'dst', 'conn'], ...egress.map((c) => [c.src, c.dst, c.conn]));
    if (ingress.length) rows.push(['Ingress Exposure:', '', ''], ['dst', 'src', 'conn'], ...ingress.map((c) => [c.dst, c.src, c.conn]));
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** Quoted as Go's encoding/csv quotes: when the field holds a comma, quote, line break or leading space. */
function csvField(f: string): string {
  return /[",\r\n]/.test(f) || f.startsWith(' ') ? `"${f.replace(/"/g, '""')}"` : f;
}
