/**
 * Reads the `fix:` section: the values `seaworthy fix` may write (UID, limits,
 * tmpfs size, bind address), strictly like the rest of the configuration. The
 * command line's flags win over it.
 */
import type { FixOptions } from '../edits/fix-options.js';
import { describe, type ConfigReader, type Field } from './config-reader.js';

export const FIX_KEYS = ['uid', 'gid', 'cpuLimit', 'memoryLimit', 'pidsLimit', 'tmpVolume', 'tmpfsSize', 'bindAddress'] as const;

/** Kubernetes quantities and engine sizes as the fixers convert them. */
export const FIX_QUANTITY_PATTERN = '^[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi|k|K|M|G|g)?$';
const QUANTITY = new RegExp(FIX_QUANTITY_PATTERN);
const ADDRESS = /^[0-9A-Fa-f.:]+$/;

export function parseFixConfig(reader: ConfigReader, field: Field): FixOptions {
  const out: FixOptions = {};
  const entries = reader.map(field, 'fix');
  if (!entries) return out;
  reader.onlyKeys(field, entries, FIX_KEYS, 'fix');
  const positive = (key: 'uid' | 'gid' | 'pidsLimit') => {
    const f = entries.get(key);
    if (!f) return undefined;
    if (typeof f.value === 'number' && Number.isInteger(f.value) && f.value > 0) return f.value;
    reader.error(f.node, `fix.${key} must be a positive integer; found ${describe(f.value)}`);
    return undefined;
  };
  const text = (key: 'cpuLimit' | 'memoryLimit' | 'tmpfsSize' | 'bindAddress', pattern: RegExp, expected: string) => {
    const f = entries.get(key);
    if (!f) return undefined;
    const value = typeof f.value === 'number' ? String(f.value) : f.value;
    if (typeof value === 'string' && pattern.test(value)) return value;
    reader.error(f.node, `fix.${key} must be ${expected}; found ${describe(f.value)}`);
    return undefined;
  };
  const uid = positive('uid');
  const gid = positive('gid');
  const pids = positive('pidsLimit');
  const cpu = text('cpuLimit', QUANTITY, "a CPU quantity such as '500m' or 1");
  const memory = text('memoryLimit', QUANTITY, "a memory quantity such as '256Mi'");
  const size = text('tmpfsSize', QUANTITY, "a size such as '64Mi'");
  const bind = text('bindAddress', ADDRESS, "an IP address such as '127.0.0.1'");
  if (uid !== undefined) out.uid = uid;
  if (gid !== undefined) out.gid = gid;
  if (pids !== undefined) out.pidsLimit = pids;
  if (cpu !== undefined) out.cpuLimit = cpu;
  if (memory !== undefined) out.memoryLimit = memory;
  if (size !== undefined) out.tmpfsSize = size;
  if (bind !== undefined) out.bindAddress = bind;
  const tmp = entries.get('tmpVolume');
  if (tmp) {
    if (typeof tmp.value === 'boolean') out.tmpVolume = tmp.value;
    else reader.error(tmp.node, `fix.tmpVolume must be true or false; found ${describe(tmp.value)}`);
  }
  return out;
}
