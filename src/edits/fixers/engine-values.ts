/**
 * Values the container engines take (Compose, podman/docker run, Quadlet), derived
 * from the fix options: Kubernetes quantities become engine sizes and CPU counts,
 * and tmpfs option lists are completed with what the hardening asks for.
 */
import { DEFAULT_ENGINE_TMPFS_SIZE, type FixOptions } from '../fix-options.js';

/** `500m` → `0.5`, `2` → `2`; undefined for what is not a CPU quantity. */
export function engineCpus(quantity: string | undefined): string | undefined {
  if (!quantity) return undefined;
  const milli = /^(\d+)m$/.exec(quantity);
  if (milli) return String(Number(milli[1]) / 1000);
  return /^\d+(\.\d+)?$/.test(quantity) ? quantity : undefined;
}

/** `256Mi` → `256m`, `1Gi` → `1g`, `512m` stays; undefined for what the engines do not read. */
export function engineSize(quantity: string | undefined): string | undefined {
  if (!quantity) return undefined;
  const match = /^(\d+)(Ki|Mi|Gi|k|m|g|K|M|G)?$/.exec(quantity);
  if (!match) return undefined;
  return match[1]! + (match[2] ? match[2][0]!.toLowerCase() : '');
}

/** The tmpfs size the options ask for, in engine units. */
export function tmpfsSize(options: FixOptions): string {
  return engineSize(options.tmpfsSize) ?? DEFAULT_ENGINE_TMPFS_SIZE;
}

/**
 * A tmpfs option list with `nosuid`, `nodev`, `noexec` and a size added where
 * missing; explicit opposites (`exec`, `suid`, `dev`) are decisions and kept (the
 * finding then stays).
 *
 * @example
 * hardenTmpfsOptions(['rw'], '64m'); // ['rw', 'nosuid', 'nodev', 'noexec', 'size=64m']
 */
export function hardenTmpfsOptions(options: readonly string[], size: string): string[] {
  const out = [...options];
  const has = (name: string) => out.some((o) => o === name || o === name.replace(/^no/, ''));
  for (const flag of ['nosuid', 'nodev', 'noexec']) if (!has(flag)) out.push(flag);
  if (!out.some((o) => o.startsWith('size='))) out.push(`size=${size}`);
  return out;
}

/** `PATH[:OPTS]` with the options hardened. */
export function hardenTmpfsSpec(spec: string, size: string): string {
  const colon = spec.indexOf(':');
  const path = colon === -1 ? spec : spec.slice(0, colon);
  const options = colon === -1 ? [] : spec.slice(colon + 1).split(',').filter(Boolean);
  return `${path}:${hardenTmpfsOptions(options, size).join(',')}`;
}

/**
 * A short port mapping bound to `address`: `8080:80` → `127.0.0.1:8080:80`, `80` →
 * `127.0.0.1::80`. Undefined when it already names an address or is not a mapping.
 */
export function bindPort(spec: string, address: string): string | undefined {
  if (spec.startsWith('[') || spec.includes('$')) return undefined;
  const parts = spec.split(':');
  if (parts.length >= 3) return undefined;
  const host = address.includes(':') ? `[${address}]` : address;
  return parts.length === 2 ? `${host}:${spec}` : `${host}::${spec}`;
}
