/**
 * The proxy kubectl would use for an https:// server when the kubeconfig names none:
 * HTTPS_PROXY (or https_proxy), unless NO_PROXY (or no_proxy) exempts the host — Go's
 * net/http rules: `*`, a host or domain suffix (`.example.com` or `example.com`), an
 * IP address, a CIDR range, each with an optional `:port`. Loopback is never proxied.
 */
import { isIP } from 'node:net';
import { BlockList } from 'node:net';

/**
 * @example
 * proxyForUrl('https://10.0.0.1:6443', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '10.0.0.0/8' }); // undefined
 */
export function proxyForUrl(url: string, env: NodeJS.ProcessEnv): string | undefined {
  const proxy = env['HTTPS_PROXY'] || env['https_proxy'];
  if (!proxy) return undefined;
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = u.port || '443';
  if (host === 'localhost' || host === '::1' || host.startsWith('127.')) return undefined;
  const noProxy = (env['NO_PROXY'] || env['no_proxy'] || '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const entry of noProxy) {
    if (entry === '*') return undefined;
    if (exempts(entry, host, port)) return undefined;
  }
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function exempts(entry: string, host: string, port: string): boolean {
  if (entry.includes('/')) {
    const [net, bits] = entry.split('/');
    const family = isIP(net!);
    if (!family || !isIP(host)) return false;
    const list = new BlockList();
    try {
      list.addSubnet(net!, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
    } catch {
      return false;
    }
    return list.check(host, isIP(host) === 6 ? 'ipv6' : 'ipv4');
  }
  let name = entry;
  const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=(:\d+)?$)/g, ''));
  if (m?.[2]) {
    if (m[2] !== port) return false;
    name = m[1]!;
  }
  if (isIP(name)) return name === host;
  const domain = name.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}
