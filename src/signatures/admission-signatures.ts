/**
 * Signatures at admission (`seaworthy serve`): the images of a reviewed object that
 * `signatures.require` covers are verified before the rules run, and `image-not-signed`
 * judges them like any finding (its mode from `admission:`). Registries are slow and
 * admission is hot, so:
 * - a tag is resolved to its digest once per `cacheTtl`, and a verdict is kept by digest
 *   (and the material it was checked with) for `cacheTtl` seconds; concurrent reviews of
 *   one image share one verification;
 * - a reference by tag is allowed only as its verified digest: with
 *   `signatures.mutateToDigest`, `/mutate` rewrites it to `name:tag@digest` (see
 *   `digestPatches`); without it, the tag reference itself is refused, naming the digest
 *   to deploy, since the node could pull another image under the same tag later.
 * Nothing here runs without a `signatures:` section: the review's fast path is untouched.
 */
import type { Config } from '../config/config.js';
import type { ImageRefUse } from '../model/image-ref.js';
import type { ScanModel } from '../model/scan-model.js';
import type { LoadImageOptions } from '../sources/image/load-image.js';
import { parseDockerName } from '../sources/image/image-reference.js';
import { redactText } from '../secrets/secret-detection.js';
import { loadMaterial } from './load-material.js';
import type { SignatureVerdict } from './signature-types.js';
import { requirementFor, type SignatureRequirement } from './signatures-config.js';
import { resolveDigest, verifyImageSignatures } from './verify-image.js';

interface Entry<T> {
  value: Promise<T>;
  expires: number;
}

/** Most entries each cache keeps (oldest dropped first), against a flood of distinct images. */
const MAX_ENTRIES = 4096;

export class AdmissionSignatures {
  private digests = new Map<string, Entry<string>>();
  private verdicts = new Map<string, Entry<SignatureVerdict>>();

  constructor(
    private readonly registry: LoadImageOptions = {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Puts a verdict on every container image reference of the model that must be signed. */
  async annotate(model: ScanModel, config: Config): Promise<void> {
    const signatures = config.signatures;
    if (!signatures?.require.length) return;
    await Promise.all(
      model.imageRefs.map(async (use) => {
        if (use.input !== 'K8S' || use.ref.dynamic) return;
        const target = this.target(use, config);
        if (!target) return;
        use.signature = await this.verdictFor(target.ref, target.requirement, config, signatures.cacheTtl * 1000, signatures.mutateToDigest);
      }),
    );
  }

  /** The verified digest of a tag reference, for `/mutate` (undefined unless verified and cached). */
  async verifiedDigest(image: string, config: Config): Promise<string | undefined> {
    const requirement = this.requirementOf(image, config);
    if (!requirement || !config.signatures) return undefined;
    const v = await this.verdictFor(`docker://${image}`, requirement, config, config.signatures.cacheTtl * 1000, true);
    return v.verified ? v.digest : undefined;
  }

  private target(use: ImageRefUse, config: Config): { ref: string; requirement: SignatureRequirement } | undefined {
    const requirement = this.requirementOf(use.ref.value, config);
    return requirement ? { ref: `docker://${use.ref.value}`, requirement } : undefined;
  }

  private requirementOf(image: string, config: Config): SignatureRequirement | undefined {
    try {
      const name = parseDockerName(image);
      return requirementFor(config.signatures, `${name.registry}/${name.repository}`);
    } catch {
      return undefined;
    }
  }

  private async verdictFor(ref: string, requirement: SignatureRequirement, config: Config, ttl: number, tagAllowed: boolean): Promise<SignatureVerdict> {
    let digest: string;
    try {
      digest = await this.cached(this.digests, ref, ttl, () => resolveDigest(ref, this.registry));
    } catch (e) {
      this.digests.delete(ref);
      return { reference: ref, digest: '', verified: false, checks: [], notes: [], summary: `its digest could not be looked up: ${redactText((e as Error).message).slice(0, 300)}` };
    }
    const key = `${digest}\u0000${JSON.stringify([requirement, config.baseDir])}`;
    let verdict: SignatureVerdict;
    try {
      verdict = await this.cached(this.verdicts, key, ttl, () => verifyImageSignatures(ref, loadMaterial(requirement, config.baseDir), this.registry, digest));
    } catch (e) {
      this.verdicts.delete(key);
      return { reference: ref, digest, verified: false, checks: [], notes: [], summary: `signatures could not be checked: ${redactText((e as Error).message).slice(0, 300)}` };
    }
    if (verdict.verified && !ref.includes('@') && !tagAllowed) {
      return { ...verdict, reference: ref, verified: false, summary: `it is referenced by tag; its signature verified for ${digest}: deploy ${ref.slice('docker://'.length)}@${digest} (or set signatures.mutateToDigest), since a tag can move to an unsigned image` };
    }
    return { ...verdict, reference: ref };
  }

  private cached<T>(map: Map<string, Entry<T>>, key: string, ttl: number, make: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = map.get(key);
    if (hit && hit.expires > t) return hit.value;
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
    const value = make();
    map.set(key, { value, expires: t + ttl });
    return value;
  }
}
