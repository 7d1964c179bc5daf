/**
 * `signatures.mutateToDigest`: at `/mutate`, a container image that must be signed and is
 * referenced by tag is rewritten to `name:tag@digest` — the digest whose signature
 * verified — so the node pulls exactly the verified image. Wraps the admission mutator
 * (its patch is kept, these operations appended); does nothing without the setting.
 */
import type { AdmissionRequest, AdmissionResponse } from '../admission/admission-review.js';
import type { Config } from '../config/config.js';
import { formatPointer } from '../edits/index.js';
import { POD_TEMPLATE_PATHS } from '../sources/kubernetes/workload-kinds.js';
import type { AdmissionSignatures } from './admission-signatures.js';

type Mutate = (request: AdmissionRequest) => Promise<AdmissionResponse>;
const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function withDigestPinning(base: Mutate, checker: AdmissionSignatures, config: () => Config): Mutate {
  return async (request) => {
    const response = await base(request);
    const c = config();
    const object = request.object;
    if (!c.signatures?.mutateToDigest || !response.allowed || (request.operation !== 'CREATE' && request.operation !== 'UPDATE') || request.subResource || !isRecord(object)) return response;
    const operations = await digestOperations(object, typeof object['kind'] === 'string' ? object['kind'] : request.kind.kind, c, checker);
    if (!operations.length) return response;
    const earlier = response.patch ? (JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8')) as unknown[]) : [];
    return { ...response, patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify([...earlier, ...operations])).toString('base64') };
  };
}

export async function digestOperations(object: Record<string, unknown>, kind: string, config: Config, checker: AdmissionSignatures): Promise<{ op: 'replace'; path: string; value: string }[]> {
  const templatePath = POD_TEMPLATE_PATHS[kind];
  if (!templatePath) return [];
  let template: unknown = object;
  for (const key of templatePath) template = isRecord(template) ? template[key] : undefined;
  const spec = isRecord(template) ? template['spec'] : undefined;
  if (!isRecord(spec)) return [];
  const out: { op: 'replace'; path: string; value: string }[] = [];
  for (const field of CONTAINER_FIELDS) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const image = isRecord(list[i]) ? list[i]['image'] : undefined;
      if (typeof image !== 'string' || image.includes('@')) continue;
      const digest = await checker.verifiedDigest(image, config);
      if (digest) out.push({ op: 'replace', path: formatPointer([...templatePath, 'spec', field, String(i), 'image']), value: `${image}@${digest}` });
    }
  }
  return out;
}
