/**
 * Applies the layers in order — whiteouts, opaque directories, replacements — to
 * know which notable files the running container sees, while each layer keeps its
 * own files (marked `deletedBy` when a later layer hides them).
 */
import type { ImageLayer, LayerFile } from '../../model/image-spec.js';

export interface LayerPaths {
  /** Every non-directory path the layer writes. */
  written: Set<string>;
}

/** Marks hidden files and returns the final view's notable files. */
export function applyLayers(layers: readonly ImageLayer[], paths: readonly LayerPaths[]): LayerFile[] {
  const visible = new Map<string, LayerFile>();
  layers.forEach((layer, index) => {
    for (const w of layer.whiteouts) {
      if (w.opaque) {
        const prefix = w.path === '/' ? '/' : `${w.path}/`;
        for (const [path, file] of visible) if (path.startsWith(prefix)) hide(visible, file, index, 'opaque');
      } else {
        const prefix = `${w.path}/`;
        for (const [path, file] of visible) if (path === w.path || path.startsWith(prefix)) hide(visible, file, index, 'whiteout');
      }
    }
    const written = paths[index]?.written;
    if (written) for (const [path, file] of visible) if (written.has(path)) hide(visible, file, index, 'replaced');
    for (const file of layer.files) visible.set(file.path, file);
  });
  return [...visible.values()].sort((a, b) => a.layerIndex - b.layerIndex || (a.path < b.path ? -1 : 1));
}

function hide(visible: Map<string, LayerFile>, file: LayerFile, layerIndex: number, how: 'whiteout' | 'opaque' | 'replaced'): void {
  visible.delete(file.path);
  file.deletedBy = { layerIndex, how };
}
