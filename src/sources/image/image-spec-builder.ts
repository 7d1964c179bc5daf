/**
 * Turns a loaded image's config and history into an ImageSpec, before and after
 * its layers are analysed: history steps are paired with the layers they made.
 */
import type { ImageHistoryStep, ImageLayer, ImageSpec } from '../../model/image-spec.js';
import type { Location } from '../../model/location.js';
import type { LoadedImage } from './loaded-image.js';

/** The pseudo-location of image findings: line 1 of a "file" named by the reference. */
export function imageLocation(ref: string): Location {
  return { file: ref, startLine: 1, startColumn: 1, endLine: 1, endColumn: ref.length + 1 };
}

/** The spec with config, history and an empty layer index. */
export function specFromConfig(image: LoadedImage): ImageSpec {
  const c = image.config;
  const cc = c.config ?? {};
  const history: ImageHistoryStep[] = (c.history ?? []).map((h) => {
    const step: ImageHistoryStep = { createdBy: h.created_by ?? '', emptyLayer: h.empty_layer === true };
    if (h.created) step.created = h.created;
    if (h.comment) step.comment = h.comment;
    return step;
  });
  const layers: ImageLayer[] = image.layers.map((l, index) => {
    const layer: ImageLayer = { digest: l.digest, mediaType: l.mediaType, index, files: [], whiteouts: [], entryCount: 0, expandedBytes: 0 };
    if (l.diffId) layer.diffId = l.diffId;
    return layer;
  });
  // Steps that made a layer are those without empty_layer, in order.
  let next = 0;
  history.forEach((step, i) => {
    if (step.emptyLayer || next >= layers.length) return;
    step.layerIndex = next;
    layers[next]!.historyIndex = i;
    next++;
  });
  const spec: ImageSpec = {
    ref: image.ref,
    loc: imageLocation(image.ref),
    platform: { os: c.os ?? '', architecture: c.architecture ?? '', ...(c.variant ? { variant: c.variant } : {}) },
    config: {
      env: Array.isArray(cc.Env) ? cc.Env.filter((e): e is string => typeof e === 'string') : [],
      exposedPorts: Object.keys(cc.ExposedPorts ?? {}),
      labels: { ...(cc.Labels ?? {}) },
    },
    history,
    layers,
    finalFiles: [],
    packages: [],
  };
  if (image.manifestDigest) spec.manifestDigest = image.manifestDigest;
  if (typeof c.created === 'string') spec.created = c.created;
  if (cc.User) spec.config.user = cc.User;
  if (cc.Entrypoint) spec.config.entrypoint = cc.Entrypoint;
  if (cc.Cmd) spec.config.cmd = cc.Cmd;
  if (cc.WorkingDir) spec.config.workingDir = cc.WorkingDir;
  return spec;
}
