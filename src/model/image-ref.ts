/**
 * Every image reference in the input, wherever it appears (`FROM`, a container's
 * `image`, `COPY --from=<image>`), so image rules run over one list.
 */
import type { InputKind } from './input-kind.js';
import type { Located } from './location.js';
import type { ResourceRef } from './resource.js';
import type { SignatureVerdict } from '../signatures/signature-types.js';

export interface ImageRefUse {
  input: InputKind;
  ref: Located<string>;
  resource: ResourceRef;
  /** `base` for FROM, `container` for a container image, `copy-from` for COPY --from. */
  role: 'base' | 'container' | 'copy-from';
  /** Signature verification of the image it names, set only by `--resolve-images` for images `signatures:` requires. */
  signature?: SignatureVerdict;
}
