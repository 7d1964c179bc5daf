/**
 * A CA and a serving certificate for the webhook, for tests and first installs
 * (`seaworthy serve certs`); the chart can use cert-manager instead. Built with
 * @peculiar/x509 on Node's own WebCrypto: ECDSA P-256 keys come from Node's crypto (no
 * JavaScript big-number key generation, as node-forge would do for RSA), and the
 * library is typed and maintained by the PKI.js authors. It needs a Reflect metadata
 * polyfill for its dependency injection, imported here only, and only when certificates
 * are made.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface ServingCertRequest {
  service: string;
  namespace: string;
  /** Validity in days (default 365). */
  days?: number;
  /** Extra DNS names or IP addresses. */
  extraNames?: string[];
  now?: Date;
}

export interface ServingCerts {
  /** PEM of the CA certificate: the webhook configuration's `caBundle` (base64 of it). */
  caCert: string;
  /** PEM of the serving certificate. */
  tlsCert: string;
  /** PEM (PKCS #8) of the serving key. */
  tlsKey: string;
  /** The names the serving certificate covers. */
  names: string[];
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:]*)$/i;

/**
 * The names a serving certificate for a Service needs: the forms the API server and
 * in-cluster clients dial, plus loopback for tests and port-forwarding.
 */
export function servingNames(service: string, namespace: string, extra: readonly string[] = []): string[] {
  return [...new Set([`${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`, `${service}.${namespace}`, service, 'localhost', '127.0.0.1', ...extra])];
}

/**
 * Makes a fresh CA (whose key is discarded: it signs this one certificate) and a
 * serving certificate for `service.namespace.svc`.
 *
 * @example
 * const { caCert, tlsCert, tlsKey } = await makeServingCerts({ service: 'seaworthy', namespace: 'seaworthy-system' });
 */
export async function makeServingCerts(request: ServingCertRequest): Promise<ServingCerts> {
  const crypto = webcrypto;
  x509.cryptoProvider.set(crypto as unknown as Parameters<typeof x509.X509CertificateGenerator.create>[1] & object);
  const now = request.now ?? new Date();
  // A little slack for clocks that lag the machine that made the certificate.
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now.getTime() + (request.days ?? 365) * 86_400_000);
  const caKeys = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=seaworthy webhook CA for ${request.service}.${request.namespace}`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const names = servingNames(request.service, request.namespace, request.extraNames);
  const keys = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${request.service}.${request.namespace}.svc`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: IP.test(value) ? 'ip' : 'dns', value }))),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { caCert: ca.toString('pem'), tlsCert: leaf.toString('pem'), tlsKey: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), names };
}

/** A positive 128-bit serial (RFC 5280 allows up to 20 octets; the top bit clear keeps it positive). */
function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString('hex');
}
