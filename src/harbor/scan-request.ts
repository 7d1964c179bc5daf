/**
 * A ScanRequest as Harbor posts it, checked field by field: wrong JSON types are a
 * 400, values that cannot be used (a registry URL that is not http(s), a repository
 * or digest that is not well formed) a 422, and what seaworthy cannot do (another
 * artifact type, an SPDX SBOM, a report type it does not write) a 501 — the
 * statuses the spec gives. Written by hand rather than with a schema validator: the
 * rules are a dozen lines and each message names the field Harbor got wrong.
 */
import { CONSUMED, REPORTS, SBOM_FORMAT, SBOM_FORMATS } from './media-types.js';

export type CapabilityType = 'vulnerability' | 'sbom';

export interface ScanRequest {
  registry: { url: string; authorization?: string };
  artifact: { repository: string; digest: string; tag?: string; mime_type?: string };
  enabled_capabilities?: Array<{ type: CapabilityType; produces_mime_types?: string[]; parameters?: { sbom_media_types?: string[] } | null }>;
}

/** Where to pull from: the registry host as image references name it, and its scheme. */
export interface RegistryTarget {
  /** `host:port`, always with a port, so `harbor-core` can never read as a Docker Hub namespace. */
  registry: string;
  plainHttp: boolean;
}

export class RequestError extends Error {
  constructor(
    readonly status: 400 | 422 | 501,
    message: string,
  ) {
    super(message);
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @example
 * const request = readScanRequest(JSON.parse(body)); // throws RequestError
 */
export function readScanRequest(body: unknown): ScanRequest {
  const bad = (message: string): never => {
    throw new RequestError(400, message);
  };
  if (!isObject(body)) return bad('the scan request must be a JSON object');
  const { registry, artifact, enabled_capabilities: caps } = body;
  if (!isObject(registry)) return bad('registry must be an object');
  if (!isObject(artifact)) return bad('artifact must be an object');
  if (!isString(registry['url'])) return bad('registry.url must be a string');
  if (registry['authorization'] !== undefined && !isString(registry['authorization'])) return bad('registry.authorization must be a string');
  for (const key of ['repository', 'digest', 'tag', 'mime_type']) {
    if (artifact[key] !== undefined && !isString(artifact[key])) bad(`artifact.${key} must be a string`);
  }
  if (caps !== undefined && !Array.isArray(caps)) return bad('enabled_capabilities must be an array');
  for (const [i, c] of (caps ?? []).entries()) {
    if (!isObject(c)) return bad(`enabled_capabilities[${i}] must be an object`);
    if (c['type'] !== 'vulnerability' && c['type'] !== 'sbom') return bad(`enabled_capabilities[${i}].type must be "vulnerability" or "sbom"`);
    const produces = c['produces_mime_types'];
    if (produces !== undefined && !(Array.isArray(produces) && produces.every(isString))) return bad(`enabled_capabilities[${i}].produces_mime_types must be an array of strings`);
    const params = c['parameters'];
    if (params !== undefined && params !== null) {
      if (!isObject(params)) return bad(`enabled_capabilities[${i}].parameters must be an object`);
      const formats = params['sbom_media_types'];
      if (formats !== undefined && !(Array.isArray(formats) && formats.every((f) => isString(f) && (SBOM_FORMATS as readonly string[]).includes(f)))) {
        return bad(`enabled_capabilities[${i}].parameters.sbom_media_types must list ${SBOM_FORMATS.join(' or ')}`);
      }
    }
  }
  const request = body as unknown as ScanRequest;
  checkValues(request);
  return request;
}

function checkValues(request: ScanRequest): void {
  const unusable = (message: string): never => {
    throw new RequestError(422, message);
  };
  const { repository, digest, mime_type: mimeType, tag } = request.artifact;
  if (!repository) unusable('artifact.repository is required');
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository)) unusable('artifact.repository is not a repository name');
  if (!digest) unusable('artifact.digest is required');
  if (!/^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/.test(digest)) unusable('artifact.digest must be sha256:<64 hex> or sha512:<128 hex>');
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) unusable('artifact.tag is not a tag');
  registryTarget(request.registry.url);
  if (mimeType && !(CONSUMED as readonly string[]).includes(mimeType)) {
    throw new RequestError(501, `artifact.mime_type ${mimeType} is not scanned (seaworthy reads ${CONSUMED.join(', ')})`);
  }
  for (const c of request.enabled_capabilities ?? []) {
    const other = (c.produces_mime_types ?? []).filter((m) => !(REPORTS as readonly string[]).includes(m));
    if (other.length) throw new RequestError(501, `no report of type ${other.join(', ')} (seaworthy writes ${REPORTS.join(', ')})`);
    const formats = c.parameters?.sbom_media_types ?? [];
    if (c.type === 'sbom' && formats.length && !formats.includes(SBOM_FORMAT)) throw new RequestError(501, `SBOMs are written as ${SBOM_FORMAT} only`);
  }
}

/**
 * `https://core.harbor.domain` → `core.harbor.domain:443`; `http://harbor-core:8080` → plain HTTP.
 * A bare `host[:port]` (as in the spec's sample) means HTTPS.
 */
export function registryTarget(url: string): RegistryTarget {
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    throw new RequestError(422, 'registry.url is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new RequestError(422, 'registry.url must be http:// or https://');
  if (parsed.username || parsed.password) throw new RequestError(422, 'registry.url must not carry credentials; Harbor sends them in registry.authorization');
  if (!parsed.hostname || (parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash) throw new RequestError(422, 'registry.url must be a scheme and host[:port] only');
  const plainHttp = parsed.protocol === 'http:';
  const port = parsed.port || (plainHttp ? '80' : '443');
  return { registry: `${parsed.hostname.toLowerCase()}:${port}`, plainHttp };
}
