/**
 * Opens an image through its transport and hands back its config, layer list
 * and layer streams (see LoadedImage). Nothing is pulled to disk.
 */
import { parseImageReference } from './image-reference.js';
import { withDefaults, type ImageLimits } from './limits.js';
import type { LoadedImage } from './loaded-image.js';
import { archiveFiles, directoryFiles, loadOciLayout } from './oci-layout.js';
import { loadDockerArchive } from './docker-archive.js';
import { hostPlatform, parsePlatform, type Platform } from './platform.js';
import { loadRegistryImage, type RegistryAccess } from './registry/registry-image.js';

export interface LoadImageOptions {
  /** `os/arch[/variant]` or a Platform; default: this machine's. */
  platform?: string | Platform;
  /** Registry credentials file (see auth-file.ts for the default lookup). */
  authfile?: string;
  /** Verify registry TLS certificates (default true). */
  tlsVerify?: boolean;
  /** Directory of extra CA certificates (`*.crt`) for a registry. */
  certDir?: string;
  limits?: Partial<ImageLimits>;
  /** Registry timeouts and retries (tests shorten them). */
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Whole-exchange deadlines: manifest/config/token (default 2 min) and layer blob (30 min). */
  deadlineMs?: number;
  blobDeadlineMs?: number;
  /** A Bearer realm on another host: token asked for anonymously (default) or refused. */
  foreignRealm?: 'anonymous' | 'refuse';
  /**
   * A credential handed over for one registry (Harbor's scan request): used for that
   * host only, instead of any auth file; an image on another host is refused.
   */
  registryAccess?: RegistryAccess;
}

/**
 * Opens `ref` (`oci:DIR[:TAG]`, `oci-archive:FILE[:TAG]`, `docker-archive:FILE`,
 * `docker://REGISTRY/REPO[:TAG|@DIGEST]`).
 *
 * @example
 * const image = await loadImage('oci-archive:app.tar:v1');
 * const firstLayer = await image.openLayer(0);
 */
export async function loadImage(ref: string, options: LoadImageOptions = {}): Promise<LoadedImage> {
  const parsed = parseImageReference(ref);
  const limits = withDefaults(options.limits);
  const platform = typeof options.platform === 'string' ? parsePlatform(options.platform) : (options.platform ?? hostPlatform());
  switch (parsed.transport) {
    case 'oci':
      return loadOciLayout(ref, directoryFiles(parsed.path), parsed.tag, platform, limits);
    case 'oci-archive':
      return loadOciLayout(ref, await archiveFiles(parsed.path), parsed.tag, platform, limits);
    case 'docker-archive':
      return loadDockerArchive(ref, parsed.path, parsed.name, parsed.index, limits);
    case 'docker': {
      const registryOptions: Parameters<typeof loadRegistryImage>[4] = { tlsVerify: options.tlsVerify ?? true };
      if (options.authfile) registryOptions.authfile = options.authfile;
      if (options.certDir) registryOptions.certDir = options.certDir;
      if (options.timeoutMs !== undefined) registryOptions.timeoutMs = options.timeoutMs;
      if (options.retries !== undefined) registryOptions.retries = options.retries;
      if (options.backoffMs !== undefined) registryOptions.backoffMs = options.backoffMs;
      if (options.deadlineMs !== undefined) registryOptions.deadlineMs = options.deadlineMs;
      if (options.blobDeadlineMs !== undefined) registryOptions.blobDeadlineMs = options.blobDeadlineMs;
      if (options.foreignRealm !== undefined) registryOptions.foreignRealm = options.foreignRealm;
      if (options.registryAccess) registryOptions.access = options.registryAccess;
      return loadRegistryImage(ref, parsed, platform, limits, registryOptions);
    }
  }
}
