/**
 * Shared wording and resources for rules on built images: every image finding
 * sits at the image's pseudo-location and names the image, layer and path.
 */
import type { ImageSpec, LayerFile } from '../../model/image-spec.js';
import type { Location } from '../../model/location.js';
import type { ResourceRef } from '../../model/resource.js';
import { redactText } from '../../secrets/secret-detection.js';

/** The resource of a finding about `file` (or the image as a whole). */
export function imageResource(image: ImageSpec, file?: LayerFile, layerIndex = file?.layerIndex): ResourceRef {
  const ref: ResourceRef = { kind: 'Image', name: image.ref, image: image.ref };
  const layer = layerIndex === undefined ? undefined : image.layers[layerIndex];
  if (layer) ref.layer = layer.digest;
  if (file) ref.path = file.path;
  return ref;
}

/** The history step (`created_by`) that made a layer, secrets redacted and shortened for a message. */
export function stepOf(image: ImageSpec, layerIndex: number): string {
  const h = image.layers[layerIndex]?.historyIndex;
  const text = h === undefined ? '' : redactText(image.history[h]!.createdBy).replace(/\s+/g, ' ').trim();
  if (!text) return '(no history entry)';
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** `layer 3 (sha256:…)` */
export function layerName(image: ImageSpec, layerIndex: number): string {
  return `layer ${layerIndex} (${image.layers[layerIndex]?.digest ?? '?'})`;
}

/** The Containerfile line behind a layer, as a related location, when one was linked. */
export function relatedInstruction(image: ImageSpec, layerIndex: number): { related?: { message: string; location: Location }[] } {
  const loc = image.layers[layerIndex]?.instruction;
  return loc ? { related: [{ message: `Containerfile instruction that made layer ${layerIndex}`, location: loc }] } : {};
}
