/**
 * Notary Project trust stores: X.509 certificates in named stores of a type, laid out
 * as notation keeps them, `<root>/x509/<type>/<name>/*.{crt,cer,pem}` with type `ca`,
 * `signingAuthority` or `tsa`. `--trust-store DIR` names such a root, notation's config
 * directory (`DIR/truststore/x509/...`), or a plain directory of certificates (one store
 * of type `ca` named after the directory).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export const STORE_TYPES = ['ca', 'signingAuthority', 'tsa'] as const;
export type StoreType = (typeof STORE_TYPES)[number];

export interface TrustStore {
  type: StoreType;
  name: string;
  certificates: X509Certificate[];
}

const CERT_FILE = /\.(crt|cer|pem)$/i;
const MAX_CERT_FILE = 1 << 20;
const MAX_CERTS_PER_STORE = 256;

/** `ca:name` as trust policies write it. */
export function storeId(store: Pick<TrustStore, 'type' | 'name'>): string {
  return `${store.type}:${store.name}`;
}

export function loadTrustStores(dir: string): TrustStore[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`trust store ${dir} is not a directory`);
  const root = existsSync(join(dir, 'x509')) ? join(dir, 'x509') : existsSync(join(dir, 'truststore', 'x509')) ? join(dir, 'truststore', 'x509') : undefined;
  if (!root) {
    const certificates = readCertificates(dir);
    if (!certificates.length) throw new Error(`trust store ${dir} holds no certificates (*.crt, *.cer, *.pem) and no x509/<type>/<name>/ folders`);
    return [{ type: 'ca', name: basename(dir), certificates }];
  }
  const stores: TrustStore[] = [];
  for (const type of STORE_TYPES) {
    const typeDir = join(root, type);
    if (!existsSync(typeDir)) continue;
    for (const name of readdirSync(typeDir).sort()) {
      const storeDir = join(typeDir, name);
      if (!statSync(storeDir).isDirectory()) continue;
      stores.push({ type, name, certificates: readCertificates(storeDir) });
    }
  }
  if (!stores.some((s) => s.certificates.length)) throw new Error(`trust store ${dir} holds no certificates under ${root}/<ca|signingAuthority|tsa>/<name>/`);
  return stores;
}

/** Every certificate in the PEM or DER files of one directory. */
function readCertificates(dir: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const file of readdirSync(dir).filter((f) => CERT_FILE.test(f)).sort()) {
    const path = join(dir, file);
    const st = statSync(path);
    if (!st.isFile()) continue;
    if (st.size > MAX_CERT_FILE) throw new Error(`trust store certificate ${path} is ${st.size} bytes, more than ${MAX_CERT_FILE}`);
    const data = readFileSync(path);
    const text = data.toString('latin1');
    const pems = text.includes('-----BEGIN CERTIFICATE-----') ? (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) : [data];
    for (const pem of pems) {
      try {
        out.push(new X509Certificate(pem));
      } catch (e) {
        throw new Error(`trust store certificate ${path} cannot be read: ${(e as Error).message}`);
      }
      if (out.length > MAX_CERTS_PER_STORE) throw new Error(`trust store ${dir} holds more than ${MAX_CERTS_PER_STORE} certificates`);
    }
  }
  return out;
}
