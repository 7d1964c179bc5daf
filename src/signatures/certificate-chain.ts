/**
 * X.509 checks for Notary Project signatures, offline: the x5c chain is each
 * certificate signed by the next, every issuer a CA, and the chain reaches a trust
 * store certificate (one of the chain equal to it, or the last one issued by it); the
 * leaf is a code-signing certificate (not a CA, digitalSignature when key usage is
 * given, codeSigning when extended key usage is given); and validity is checked at a
 * given time. Revocation (OCSP, CRL) needs the network and is not checked.
 */
import { X509Certificate } from 'node:crypto';
import { X509Certificate as SigstoreCertificate } from '@sigstore/core';
import type { TrustStore } from './trust-store.js';
import { storeId } from './trust-store.js';

export const MAX_CHAIN = 10;
const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
const ANY_EKU = '2.5.29.37.0';

export function parseChain(x5c: unknown): X509Certificate[] {
  if (!Array.isArray(x5c) || x5c.length === 0) throw new Error('the envelope carries no certificate chain (x5c)');
  if (x5c.length > MAX_CHAIN) throw new Error(`the certificate chain has ${x5c.length} certificates, more than ${MAX_CHAIN}`);
  return x5c.map((c, i) => {
    if (typeof c !== 'string' || c.length > 64 * 1024) throw new Error(`x5c[${i}] is not a base64 certificate`);
    try {
      return new X509Certificate(Buffer.from(c, 'base64'));
    } catch {
      throw new Error(`x5c[${i}] is not an X.509 certificate`);
    }
  });
}

/** Signature links inside the chain; returns a problem or undefined. */
export function chainProblem(chain: X509Certificate[]): string | undefined {
  for (let i = 0; i + 1 < chain.length; i++) {
    const cert = chain[i]!;
    const issuer = chain[i + 1]!;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return `certificate ${i} (${oneLine(cert.subject)}) is not signed by the next one (${oneLine(issuer.subject)})`;
    if (!issuer.ca) return `certificate ${i + 1} (${oneLine(issuer.subject)}) issues a certificate but is not a CA`;
  }
  const leaf = chain[0]!;
  if (leaf.ca) return `the signing certificate (${oneLine(leaf.subject)}) is a CA certificate`;
  const usage = leafUsageProblem(leaf);
  if (usage) return usage;
  return undefined;
}

function leafUsageProblem(leaf: X509Certificate): string | undefined {
  try {
    // Node's X509Certificate does not expose key usage bits; Sigstore's parser (already
    // here for bundles) does, without @peculiar/x509's reflection polyfill.
    const ku = SigstoreCertificate.parse(leaf.raw).extKeyUsage;
    if (ku && !ku.digitalSignature) return 'the signing certificate\'s key usage lacks digitalSignature';
  } catch {
    return 'the signing certificate\'s extensions cannot be read';
  }
  // Node names extended key usage `keyUsage`.
  const eku = leaf.keyUsage;
  if (eku && eku.length && !eku.includes(CODE_SIGNING) && !eku.includes(ANY_EKU)) return 'the signing certificate\'s extended key usage lacks codeSigning';
  return undefined;
}

/** The trust store (of the allowed ones) the chain reaches, or undefined. */
export function trustAnchor(chain: X509Certificate[], stores: readonly TrustStore[]): { store: TrustStore; cert: X509Certificate } | undefined {
  for (const store of stores) {
    for (const cert of store.certificates) {
      if (chain.some((c) => c.fingerprint256 === cert.fingerprint256)) return { store, cert };
      const last = chain[chain.length - 1]!;
      if (cert.ca && last.checkIssued(cert) && last.verify(cert.publicKey)) return { store, cert };
    }
  }
  return undefined;
}

/** The first certificate of the chain (and anchor) not valid at `at`, described. */
export function validityProblem(certs: X509Certificate[], at: Date): string | undefined {
  for (const c of certs) {
    const from = new Date(c.validFrom);
    const to = new Date(c.validTo);
    if (at > to) return `certificate ${oneLine(c.subject)} expired at ${to.toISOString()}`;
    if (at < from) return `certificate ${oneLine(c.subject)} is not valid before ${from.toISOString()}`;
  }
  return undefined;
}

/** A subject DN as one line (`C=US, O=x, CN=y`), as notation prints it. */
export function oneLine(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ').slice(0, 300);
}

/** Subject attributes of a certificate. */
export function subjectAttributes(cert: X509Certificate): [string, string][] {
  return cert.subject.split('\n').filter(Boolean).map((p) => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq).trim().toUpperCase(), p.slice(eq + 1).trim()] as [string, string];
  });
}

export function describeStore(s: TrustStore): string {
  return storeId(s);
}
