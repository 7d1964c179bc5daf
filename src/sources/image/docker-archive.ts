/**
 * `docker save` / `podman save` archives: manifest.json names the config and the
 * layer tars (uncompressed), whose digests are the config's diff IDs.
 */
import type { ImageLimits } from './limits.js';
import type { LoadedImage } from './loaded-image.js';
import { parseDigest, verifyDigest } from './digest-check.js';
import { parseJsonObject, type OciConfig } from './oci-types.js';
import { TarIndex } from './tar-index.js';

interface ArchiveEntry {
  Config?: string;
  RepoTags?: string[] | null;
  Layers?: string[];
}

export async function loadDockerArchive(ref: string, file: string, name: string | undefined, index: number | undefined, limits: ImageLimits): Promise<LoadedImage> {
  const tar = await TarIndex.open(file);
  const raw = await tar.read('manifest.json', limits.maxJsonBytes);
  let entries: unknown;
  try {
    entries = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Error(`${file}: manifest.json is not valid JSON`);
  }
  if (!Array.isArray(entries) || entries.length === 0) throw new Error(`${file}: manifest.json lists no images`);
  const list = entries as ArchiveEntry[];
  let entry: ArchiveEntry | undefined;
  if (name !== undefined) {
    entry = list.find((e) => (e.RepoTags ?? []).some((t) => t === name || t.endsWith(`/${name}`)));
    if (!entry) throw new Error(`${file} has no image named ${JSON.stringify(name)} (has ${list.flatMap((e) => e.RepoTags ?? []).join(', ') || 'untagged images'})`);
  } else entry = list[index ?? 0];
  if (!entry?.Config || !Array.isArray(entry.Layers)) throw new Error(`${file}: image ${index ?? 0} in manifest.json has no Config or Layers`);
  const configData = await tar.read(entry.Config, limits.maxJsonBytes);
  // The config's file name is its digest in every saver we know; check it when it is.
  const hex = /([a-f0-9]{64})(?:\.json)?$/.exec(entry.Config)?.[1];
  if (hex) verifyDigest(configData, `sha256:${hex}`, `image config ${entry.Config} in ${file}`);
  const config = parseJsonObject<OciConfig>(configData, `image config ${entry.Config}`);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== entry.Layers.length) throw new Error(`${file}: config lists ${diffIds.length} diff IDs for ${entry.Layers.length} layers`);
  const paths = entry.Layers;
  const layers = paths.map((p, i) => {
    const diffId = diffIds[i]!;
    parseDigest(diffId);
    return { digest: diffId, diffId, digestIsDiffId: true, mediaType: 'application/vnd.docker.image.rootfs.diff.tar', size: tar.find(p)?.size ?? 0 };
  });
  const tag = entry.RepoTags?.[0];
  const out: LoadedImage = {
    ref,
    config,
    layers,
    openLayer: async (i) => tar.stream(paths[i]!),
    close: async () => undefined,
  };
  if (tag) out.registryName = tag;
  return out;
}
