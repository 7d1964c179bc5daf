/**
 * Whether an image must be signed (`--verify`, or a `signatures.require` entry matching
 * its repository) and, if so, its verdict. A verification that could not run (registry
 * unreachable, unreadable key) is a verdict too: not verified, with the reason, so the
 * finding says why instead of the image passing.
 */
import type { Config } from '../config/config.js';
import type { LoadImageOptions } from '../sources/image/load-image.js';
import { parseImageReference } from '../sources/image/image-reference.js';
import { redactText } from '../secrets/secret-detection.js';
import { loadMaterial, type MaterialFiles } from './load-material.js';
import { requirementFor } from './signatures-config.js';
import type { SignatureVerdict } from './signature-types.js';
import { verifyImageSignatures } from './verify-image.js';

export interface VerifyRequest {
  /** `--verify`: the image must be signed whatever the configuration says. */
  verify?: boolean;
  /** `--key`, `--trust-store`, `--trust-policy` (used instead of the configured ones when given). */
  files?: MaterialFiles;
}

/** `registry/repository` of a registry reference; '' for a layout or archive (only `*` matches it). */
export function repositoryOf(ref: string): string {
  try {
    const parsed = parseImageReference(ref);
    return parsed.transport === 'docker' ? `${parsed.registry}/${parsed.repository}` : '';
  } catch {
    return '';
  }
}

export async function requiredVerdict(ref: string, config: Config, request: VerifyRequest, options: LoadImageOptions): Promise<SignatureVerdict | undefined> {
  const requirement = requirementFor(config.signatures, repositoryOf(ref));
  const given = request.files && (request.files.keys?.length || request.files.trustStore);
  if (!request.verify && !requirement) return undefined;
  try {
    const material = given ? loadMaterial(request.files!) : requirement ? loadMaterial(requirement, config.baseDir) : undefined;
    if (!material) throw new Error('nothing to verify with: give --key FILE (cosign) or --trust-store DIR (Notary), or a signatures.require entry for this image');
    return await verifyImageSignatures(ref, material, options);
  } catch (e) {
    return { reference: ref, digest: '', verified: false, checks: [], notes: [], summary: `signatures could not be checked: ${redactText((e as Error).message).slice(0, 400)}` };
  }
}
