/**
 * `seaworthy scan --resolve-images`: image references in Kubernetes manifests, Compose
 * files, run lines and Quadlet units are resolved against their registry and checked
 * for signatures — only those a `signatures.require` entry matches, and only when asked,
 * since a scan does not touch the network unasked. Each distinct reference is verified
 * once; the verdict is put on the reference for `image-not-signed`.
 */
import type { Config } from '../config/config.js';
import type { ScanModel } from '../model/scan-model.js';
import type { LoadImageOptions } from '../sources/image/load-image.js';
import { parseDockerName } from '../sources/image/image-reference.js';
import { requiredVerdict } from './required-verdict.js';
import type { SignatureVerdict } from './signature-types.js';
import { requirementFor } from './signatures-config.js';

const RESOLVED_INPUTS = new Set(['K8S', 'CMP', 'RUN', 'QL']);

export async function resolveImageSignatures(model: ScanModel, config: Config, options: LoadImageOptions): Promise<void> {
  const verdicts = new Map<string, Promise<SignatureVerdict | undefined>>();
  for (const use of model.imageRefs) {
    if (!RESOLVED_INPUTS.has(use.input) || use.ref.dynamic) continue;
    let repository: string;
    try {
      const name = parseDockerName(use.ref.value);
      repository = `${name.registry}/${name.repository}`;
    } catch {
      continue;
    }
    if (!requirementFor(config.signatures, repository)) continue;
    const ref = `docker://${use.ref.value}`;
    if (!verdicts.has(ref)) verdicts.set(ref, requiredVerdict(ref, config, {}, options));
    const verdict = await verdicts.get(ref)!;
    if (verdict) use.signature = verdict;
  }
}
