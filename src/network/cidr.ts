/**
 * IPv4 and IPv6 address and CIDR arithmetic on BigInt, for `ipBlock` and `except`.
 * An IPv4 address never falls in an IPv6 block and vice versa (Kubernetes compares
 * them as separate families; IPv4-mapped IPv6 addresses are not unified).
 */

export interface Cidr {
  family: 4 | 6;
  /** First address of the block. */
  base: bigint;
  prefix: number;
}

export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/**
 * Parses `10.0.0.1` or `fe80::1` (a `%zone` is dropped). Returns undefined when malformed.
 *
 * @example
 * parseIp('::ffff:1.2.3.4')?.family; // 6
 */
export function parseIp(text: string): IpAddress | undefined {
  const s = text.trim().replace(/%.*$/, '');
  if (s.includes(':')) {
    const value = parseIpv6(s);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(s);
  return value === undefined ? undefined : { family: 4, value };
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(s: string): bigint | undefined {
  // A trailing dotted quad stands for the last two groups.
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

const bits = (family: 4 | 6): number => (family === 4 ? 32 : 128);

/**
 * Parses `10.43.0.0/16` or `fe80::8cb6:aff8:8dc9:f511/64`. Host bits are cleared,
 * as Kubernetes' `net.ParseCIDR` does. A bare address is a /32 or /128.
 */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const width = bits(ip.family);
  const prefix = len === undefined ? width : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(prefix >= 0 && prefix <= width)) return undefined;
  return { family: ip.family, base: ip.value & netMask(ip.family, prefix), prefix };
}

function netMask(family: 4 | 6, prefix: number): bigint {
  const width = BigInt(bits(family));
  const all = (1n << width) - 1n;
  return all ^ ((1n << (width - BigInt(prefix))) - 1n);
}

/** Last address of a block. */
export function cidrLast(c: Cidr): bigint {
  return c.base | ((1n << BigInt(bits(c.family) - c.prefix)) - 1n);
}

/** True when `ip` lies in `cidr`. */
export function cidrContainsIp(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.family === ip.family && ip.value >= cidr.base && ip.value <= cidrLast(cidr);
}

/** True when block `inner` lies wholly inside block `outer`. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && inner.base >= outer.base && cidrLast(inner) <= cidrLast(outer);
}

/** Canonical text of a block (`10.0.0.0/8`, `fe80::/64`). */
export function formatCidr(c: Cidr): string {
  return `${formatIp({ family: c.family, value: c.base })}/${c.prefix}`;
}

/** Canonical text of an address; IPv6 compressed as RFC 5952 says. */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  // Longest run of zero groups (length ≥ 2) becomes `::`.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/**
 * True when an `ipBlock` admits `ip`: inside `cidr` and inside none of `except`.
 * A malformed CIDR admits nothing (the API server would have rejected it).
 */
export function ipBlockAdmits(block: { cidr: string; except: readonly string[] }, ip: IpAddress): boolean {
  const c = parseCidr(block.cidr);
  if (!c || !cidrContainsIp(c, ip)) return false;
  for (const e of block.except) {
    const x = parseCidr(e);
    if (x && cidrContainsIp(x, ip)) return false;
  }
  return true;
}
