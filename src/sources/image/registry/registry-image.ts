/**
 * `docker://` images: the manifest (through an index for the chosen platform),
 * the config, and layer blobs streamed from the registry.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageLimits } from '../limits.js';
import { layersOf, type LoadedImage } from '../loaded-image.js';
import { registryName, type ImageReference } from '../image-reference.js';
import { isIndex, parseJsonObject, type ManifestOrIndex, type OciConfig } from '../oci-types.js';
import { choosePlatform, type Platform } from '../platform.js';
import { findCredentials, type Credentials } from './auth-file.js';
import { RegistryClient } from './registry-client.js';
import type { TlsSettings } from './http-request.js';

export interface RegistryOptions {
  authfile?: string;
  tlsVerify: boolean;
  certDir?: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  deadlineMs?: number;
  blobDeadlineMs?: number;
  foreignRealm?: 'anonymous' | 'refuse';
  access?: RegistryAccess;
}

/**
 * A credential given for one registry host (`host[:port]` as in image references):
 * an HTTP Authorization value (`Basic …` or `Bearer …`), and whether the registry
 * speaks plain HTTP (Harbor's in-cluster core URL is often `http://`).
 */
export interface RegistryAccess {
  registry: string;
  authorization?: string;
  plainHttp?: boolean;
}

/** Basic → username/password (so the challenge flow scopes them); Bearer → a token sent as is. */
function accessCredentials(access: RegistryAccess): { credentials?: Credentials; authorization?: string } {
  const header = access.authorization?.trim();
  if (!header) return {};
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space > 0 && scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { credentials: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), from: 'the scan request' } };
  }
  if (space > 0 && scheme === 'bearer' && value) return { authorization: `Bearer ${value}` };
  // Never quote the value: it is a secret however malformed.
  throw new Error('the registry authorization is neither "Basic base64(user:password)" nor "Bearer TOKEN"');
}

/**
 * A client for `name`'s repository with the credentials, TLS and limits the options give
 * (shared with src/signatures, which reads signature artifacts the same guarded way).
 */
export async function openRegistryClient(name: Extract<ImageReference, { transport: 'docker' }>, options: RegistryOptions): Promise<RegistryClient> {
  const access = options.access;
  if (access && access.registry !== name.registry) {
    throw new Error(`the registry credential was given for ${access.registry}; refused to use it for ${name.registry}`);
  }
  const given = access ? accessCredentials(access) : undefined;
  // A handed-over credential replaces the auth files: one source, scoped to one host.
  const credentials = given ? given.credentials : await findCredentials(name.registry, name.repository, options.authfile);
  const tls = await tlsSettings(options);
  return new RegistryClient({
    registry: name.registry,
    repository: name.repository,
    tls,
    ...(credentials ? { credentials } : {}),
    ...(given?.authorization ? { authorization: given.authorization } : {}),
    ...(access?.plainHttp ? { plainHttp: true } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    ...(options.blobDeadlineMs !== undefined ? { blobDeadlineMs: options.blobDeadlineMs } : {}),
    ...(options.foreignRealm !== undefined ? { foreignRealm: options.foreignRealm } : {}),
  });
}

export async function loadRegistryImage(ref: string, name: Extract<ImageReference, { transport: 'docker' }>, platform: Platform, limits: ImageLimits, options: RegistryOptions): Promise<LoadedImage> {
  const client = await openRegistryClient(name, options);
  let got = await client.getManifest(name.digest ?? name.tag ?? 'latest', limits.maxJsonBytes);
  let manifest = parseJsonObject<ManifestOrIndex>(got.data, `manifest of ${registryName(name)}`);
  for (let depth = 0; isIndex(manifest, got.mediaType) && depth < 4; depth++) {
    const chosen = choosePlatform(manifest.manifests ?? [], platform, `image index of ${registryName(name)}`);
    got = await client.getManifest(chosen.digest, limits.maxJsonBytes);
    manifest = parseJsonObject<ManifestOrIndex>(got.data, `manifest ${chosen.digest}`);
  }
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    throw new Error(`manifest ${got.digest} of ${registryName(name)} has no config or layers (schema 1 manifests are not supported)`);
  }
  const config = parseJsonObject<OciConfig>(await client.getBlob(manifest.config.digest, limits.maxJsonBytes), `image config ${manifest.config.digest}`);
  const layers = layersOf(manifest, config);
  return {
    ref,
    registryName: registryName(name),
    manifestDigest: got.digest,
    config,
    layers,
    openLayer: (i) => client.openBlob(layers[i]!.digest),
    close: async () => undefined,
  };
}

/** TLS settings: CA certificates (`*.crt`) and a client pair (`*.cert` + `*.key`) from --cert-dir, as containers' certs.d. */
async function tlsSettings(options: RegistryOptions): Promise<TlsSettings> {
  const tls: TlsSettings = { verify: options.tlsVerify };
  if (!options.certDir) return tls;
  let names: string[];
  try {
    names = await readdir(options.certDir);
  } catch (e) {
    throw new Error(`cannot read --cert-dir ${options.certDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  tls.ca = await Promise.all(names.filter((n) => n.endsWith('.crt')).map((n) => readFile(join(options.certDir!, n), 'utf8')));
  const cert = names.find((n) => n.endsWith('.cert'));
  const key = cert && names.find((n) => n === cert.replace(/\.cert$/, '.key'));
  if (cert && key) {
    tls.cert = await readFile(join(options.certDir, cert), 'utf8');
    tls.key = await readFile(join(options.certDir, key), 'utf8');
  }
  return tls;
}
