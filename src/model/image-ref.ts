/**
 * Every image reference in the input, wherever it appears (`FROM`, a container's
 * `image`, `COPY --from=<image>`), so image rules run over one list.
 */
import type { InputKind } from './input-kind.js';
import type { Located } from './location.js';
import type { ResourceRef } from './resource.js';

export interface ImageRefUse {
  input: InputKind;
  ref: Located<string>;
  resource: ResourceRef;
  /** `base` for FROM, `container` for a container image, `copy-from` for COPY --from. */
  role: 'base' | 'container' | 'copy-from';
}
