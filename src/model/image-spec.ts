/**
 * A built OCI image: reference, config, history and a layer index. Filled in by the
 * image source; the Containerfile link maps layers back to instructions.
 */
import type { Location } from './location.js';

export interface ImageSpec {
  /** The reference as the user gave it (`oci:dir:tag`, `docker://…`). */
  ref: string;
  /** A pseudo-location for findings that have no file: the reference itself. */
  loc: Location;
  config: {
    user?: string;
    env: string[];
    exposedPorts: string[];
    entrypoint?: string[];
    cmd?: string[];
    labels: Record<string, string>;
  };
  history: ImageHistoryStep[];
  layers: ImageLayer[];
}

export interface ImageHistoryStep {
  createdBy: string;
  emptyLayer: boolean;
  /** Index into `layers` of the layer this step made, when it made one. */
  layerIndex?: number;
}

export interface ImageLayer {
  digest: string;
  index: number;
  /** Index into `history` of the step that made the layer. */
  historyIndex?: number;
}
