/**
 * Minimal pushes to a plain-HTTP test registry through the distribution API (blob upload,
 * manifest put), for tests that must write what no tool writes: a tampered signature
 * manifest, another image's signature under this image's tag.
 */
import { createHash } from 'node:crypto';

const digestOf = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export async function pushBlob(host: string, repo: string, data: Buffer): Promise<string> {
  const digest = digestOf(data);
  const start = await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`blob upload start: ${start.status}`);
  const location = new URL(start.headers.get('location')!, `http://${host}`);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', body: data, headers: { 'Content-Type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`blob upload: ${put.status} ${await put.text()}`);
  return digest;
}

export async function getManifest(host: string, repo: string, ref: string): Promise<Record<string, unknown>> {
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.v2+json' } });
  if (res.status !== 200) throw new Error(`manifest ${ref}: ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function getBlob(host: string, repo: string, digest: string): Promise<Buffer> {
  const res = await fetch(`http://${host}/v2/${repo}/blobs/${digest}`);
  if (res.status !== 200) throw new Error(`blob ${digest}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function putManifest(host: string, repo: string, ref: string, manifest: Record<string, unknown>): Promise<string> {
  const data = Buffer.from(JSON.stringify(manifest));
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, { method: 'PUT', body: data, headers: { 'Content-Type': String(manifest['mediaType'] ?? 'application/vnd.oci.image.manifest.v1+json') } });
  if (res.status !== 201) throw new Error(`manifest put ${ref}: ${res.status} ${await res.text()}`);
  return digestOf(data);
}
