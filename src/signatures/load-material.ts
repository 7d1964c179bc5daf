/**
 * Turns keys, a trust store and a trust policy (from the command line or a
 * `signatures.require` entry) into what verification checks against. Files are read
 * once per process and path (admission verifies many images with the same material).
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { readPublicKey } from './public-keys.js';
import { parseTrustPolicy, readTrustPolicy, type TrustPolicyDocument } from './trust-policy.js';
import { loadTrustStores, storeId } from './trust-store.js';
import type { VerificationMaterial } from './verify-image.js';

export interface MaterialFiles {
  keys?: readonly string[];
  trustStore?: string;
  trustPolicy?: string;
}

const cache = new Map<string, VerificationMaterial>();

export function loadMaterial(files: MaterialFiles, baseDir: string = process.cwd()): VerificationMaterial {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  // Keyed by path and modification time: a rotated key or trust store is read again
  // (`seaworthy serve` runs for months; its configuration reloads, key files change too).
  const paths = [...(files.keys ?? []), ...(files.trustStore ? [files.trustStore] : []), ...(files.trustPolicy ? [files.trustPolicy] : [])].map(abs);
  const key = JSON.stringify([files.keys?.map(abs), files.trustStore && abs(files.trustStore), files.trustPolicy && abs(files.trustPolicy), paths.map(modified)]);
  const hit = cache.get(key);
  if (hit) return hit;
  const material: VerificationMaterial = { keys: (files.keys ?? []).map((k) => readPublicKey(abs(k))) };
  if (files.trustPolicy && !files.trustStore) throw new Error('a trust policy needs a trust store (--trust-store DIR) holding the certificates it names');
  if (files.trustStore) {
    const stores = loadTrustStores(abs(files.trustStore));
    const policy: TrustPolicyDocument = files.trustPolicy ? readTrustPolicy(abs(files.trustPolicy)) : defaultPolicy(stores.map(storeId), abs(files.trustStore));
    material.notation = { policy, stores };
  }
  cache.set(key, material);
  return material;
}

/**
 * Without a trust policy: every image, strict, any trust store given, any identity —
 * what `notation verify` would do with a policy that trusts the whole store.
 */
function defaultPolicy(storeIds: string[], dir: string): TrustPolicyDocument {
  const trustStores = storeIds.filter((id) => !id.startsWith('tsa:'));
  return parseTrustPolicy(
    { version: '1.0', trustPolicies: [{ name: 'seaworthy-default', registryScopes: ['*'], signatureVerification: { level: 'strict' }, trustStores, trustedIdentities: ['*'] }] },
    `(default: strict, every certificate in ${dir} trusted)`,
  );
}

/**
 * A file's modification time, or for a trust store the newest of its directories' (a
 * certificate added, removed or replaced changes its store directory); 0 when unreadable
 * (reading it reports why).
 */
function modified(path: string, depth = 0): number {
  try {
    const st = statSync(path);
    if (!st.isDirectory() || depth > 4) return st.mtimeMs;
    let newest = st.mtimeMs;
    for (const entry of readdirSync(path, { withFileTypes: true }).slice(0, 256)) {
      if (entry.isDirectory()) newest = Math.max(newest, modified(join(path, entry.name), depth + 1));
    }
    return newest;
  } catch {
    return 0;
  }
}
