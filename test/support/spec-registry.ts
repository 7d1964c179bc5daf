/**
 * A small, real HTTP server that answers the OCI distribution API from memory the way
 * the specification shapes it — manifests by tag or digest, blobs, and (unless turned
 * off) the OCI 1.1 referrers API with artifactType filtering and OCI-Filters-Applied —
 * for the referrers path: Debian's docker-registry (distribution 2.x) has no referrers
 * API, and no referrers-capable registry installs here from a package registry.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export interface SpecRegistry {
  host: string;
  requests: string[];
  /** Descriptors added to every referrers answer as they are (a hostile registry's list). */
  extraReferrers: Record<string, unknown>[];
  /** Stores a manifest (by digest, and by tag if given); returns its digest. */
  putManifest(repo: string, manifest: object, tag?: string): string;
  putBlob(repo: string, data: Buffer): string;
  stop(): Promise<void>;
}

const digestOf = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export async function startSpecRegistry(options: { referrers: boolean }): Promise<SpecRegistry> {
  const manifests = new Map<string, { data: Buffer; mediaType: string }>();
  const tags = new Map<string, string>();
  const blobs = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname === '/v2/') return void res.writeHead(200).end('{}');
    const m = /^\/v2\/(.+)\/(manifests|blobs|referrers)\/([^/]+)$/.exec(url.pathname);
    if (!m) return void res.writeHead(404).end('404 page not found');
    const [, repo, kind, ref] = m;
    if (kind === 'manifests') {
      const digest = ref!.includes(':') ? ref! : tags.get(`${repo}:${ref}`);
      const got = digest && manifests.get(`${repo}@${digest}`);
      if (!got) return void res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
      return void res.writeHead(200, { 'Content-Type': got.mediaType, 'Docker-Content-Digest': digest! }).end(got.data);
    }
    if (kind === 'blobs') {
      const got = blobs.get(`${repo}@${ref}`);
      return void (got ? res.writeHead(200).end(got) : res.writeHead(404).end());
    }
    if (!options.referrers) return void res.writeHead(404).end('404 page not found');
    const filter = url.searchParams.get('artifactType');
    const list = [];
    for (const [key, { data, mediaType }] of manifests) {
      if (!key.startsWith(`${repo}@`)) continue;
      const parsed = JSON.parse(data.toString()) as { subject?: { digest?: string }; artifactType?: string; config?: { mediaType?: string }; annotations?: Record<string, string> };
      if (parsed.subject?.digest !== ref) continue;
      const artifactType = parsed.artifactType ?? parsed.config?.mediaType;
      if (filter && artifactType !== filter) continue;
      list.push({ mediaType, digest: key.slice(repo!.length + 1), size: data.length, ...(artifactType && { artifactType }), ...(parsed.annotations && { annotations: parsed.annotations }) });
    }
    const body = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [...list, ...out.extraReferrers] });
    res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.index.v1+json', ...(filter && { 'OCI-Filters-Applied': 'artifactType' }) }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const out: SpecRegistry = {
    host,
    requests,
    extraReferrers: [],
    putManifest(repo, manifest, tag) {
      const data = Buffer.from(JSON.stringify(manifest));
      const digest = digestOf(data);
      manifests.set(`${repo}@${digest}`, { data, mediaType: (manifest as { mediaType?: string }).mediaType ?? 'application/vnd.oci.image.manifest.v1+json' });
      if (tag) tags.set(`${repo}:${tag}`, digest);
      return digest;
    },
    putBlob(repo, data) {
      const digest = digestOf(data);
      blobs.set(`${repo}@${digest}`, data);
      return digest;
    },
    stop: () => new Promise((r) => server.close(() => r())),
  };
  return out;
}
