/**
 * Reads the `signatures:` section (see src/signatures/signatures-config.ts), strictly:
 * an unknown key is an error at its line, a requirement needs images and something to
 * verify with (keys, or a trust store with a trust policy).
 */
import { DEFAULT_CACHE_TTL, REQUIREMENT_KEYS, SIGNATURES_KEYS, type SignatureRequirement, type SignaturesConfig } from '../signatures/signatures-config.js';
import { describe, type ConfigReader, type Field } from './config-reader.js';

export function parseSignaturesConfig(reader: ConfigReader, field: Field): SignaturesConfig {
  const out: SignaturesConfig = { require: [], cacheTtl: DEFAULT_CACHE_TTL, mutateToDigest: false };
  const entries = reader.map(field, 'signatures');
  if (!entries) return out;
  reader.onlyKeys(field, entries, SIGNATURES_KEYS, 'signatures');
  // Paths stay as written; they are resolved against the configuration file's directory at use.
  const path = (p: string): string => p;
  const require = entries.get('require');
  (require ? (reader.list(require, 'signatures.require') ?? []) : []).forEach((item, i) => {
    const what = `signatures.require[${i}]`;
    const e = reader.map(item, what);
    if (!e) return;
    reader.onlyKeys(item, e, REQUIREMENT_KEYS, what);
    const images = e.get('images');
    const list = images ? reader.strings(images, `${what}.images`, true) : undefined;
    if (!list?.length) {
      reader.error(images?.node ?? item.node, `${what} needs 'images': registry prefixes (ending in /), repositories, or "*"`);
      return;
    }
    const req: SignatureRequirement = { images: list, keys: [] };
    const keys = e.get('keys');
    if (keys) req.keys = (reader.strings(keys, `${what}.keys`, true) ?? []).map(path);
    const store = e.get('trustStore');
    const policy = e.get('trustPolicy');
    const s = store ? reader.string(store, `${what}.trustStore`) : undefined;
    const p = policy ? reader.string(policy, `${what}.trustPolicy`) : undefined;
    if (s) req.trustStore = path(s);
    if (p) req.trustPolicy = path(p);
    if (req.trustPolicy && !req.trustStore) {
      reader.error(policy!.node, `${what}.trustPolicy needs a trustStore: the certificates the policy names`);
      return;
    }
    if (!req.keys.length && !req.trustStore) {
      reader.error(item.node, `${what} names no cosign 'keys' and no Notary 'trustStore': nothing could verify a signature`);
      return;
    }
    out.require.push(req);
  });
  const ttl = entries.get('cacheTtl');
  if (ttl) {
    if (typeof ttl.value === 'number' && Number.isInteger(ttl.value) && ttl.value >= 0) out.cacheTtl = ttl.value;
    else reader.error(ttl.node, `signatures.cacheTtl must be a whole number of seconds; found ${describe(ttl.value)}`);
  }
  const mutate = entries.get('mutateToDigest');
  if (mutate) {
    if (typeof mutate.value === 'boolean') out.mutateToDigest = mutate.value;
    else reader.error(mutate.node, `signatures.mutateToDigest must be true or false; found ${describe(mutate.value)}`);
  }
  return out;
}
