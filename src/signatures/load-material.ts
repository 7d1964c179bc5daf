/**
 * Turns keys, a trust store and a trust policy (from the command line or a
 * `signatures.require` entry) into what verification checks against. Files are read
 * once per process and path (admission verifies many images with the same material).
 */
import { isAbsolute, resolve } from 'node:path';
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
  const key = JSON.stringify([files.keys?.map(abs), files.trustStore && abs(files.trustStore), files.trustPolicy && abs(files.trustPolicy)]);
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
