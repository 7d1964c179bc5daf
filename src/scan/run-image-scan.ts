/**
 * An image scan as users run it: configuration → analyse the image → rules →
 * suppressions → one ScanResult, the same shape `scan` reports, so every format,
 * `--fail-on` and the exit codes behave alike for images.
 */
import { loadConfig } from '../config/load-config.js';
import type { ImageSpec } from '../model/image-spec.js';
import { emptyModel } from '../model/scan-model.js';
import { addImageToModel, inspectImage, type AnalyzeImageOptions } from '../sources/image/analyze-image.js';
import { applyOverrides, finishScan, fullCatalogue, type RunScanResult, type ScanOverrides } from './run-scan.js';
import { readFile } from 'node:fs/promises';
import type { ScanError } from '../model/finding.js';
import type { ScanModel } from '../model/scan-model.js';
import { sources } from '../sources/index.js';
import { sourceFile } from '../sources/source-file.js';
import { linkLayersToBuild } from '../sources/image/link-containerfile.js';

export interface RunImageScanOptions extends AnalyzeImageOptions {
  /** `--config`; otherwise `.seaworthy.yaml` is looked up from the working directory upwards. */
  configPath?: string;
  overrides?: ScanOverrides;
  today?: Date;
  toolVersion?: string;
  /** The Containerfile the image was built from: its lines are linked to layers and it is checked too. */
  containerfile?: string;
}

/**
 * Scans one image reference.
 *
 * @example
 * const { result, failOn } = await runImageScan('oci-archive:app.tar:v1');
 */
export async function runImageScan(ref: string, options: RunImageScanOptions = {}): Promise<RunScanResult & { image?: ImageSpec }> {
  const loaded = loadConfig(options.configPath, process.cwd(), fullCatalogue.map((r) => r.id));
  const config = applyOverrides(loaded.config, options.overrides ?? {});
  const toolVersion = options.toolVersion ?? '0.0.0';
  const model = emptyModel();
  if (loaded.errors.length) {
    return { result: { findings: [], errors: loaded.errors, rules: fullCatalogue, scanned: { files: 0 }, toolVersion }, failOn: config.failOn, model, configFailed: true };
  }
  const inspection = await inspectImage(ref, options);
  if (inspection.image) addImageToModel(model, inspection.image, inspection.registryName);
  if (options.containerfile !== undefined) await addContainerfile(model, options.containerfile, inspection.errors);
  const { result } = finishScan(model, inspection.errors, inspection.image ? 1 : 0, config, options);
  const out: RunScanResult & { image?: ImageSpec } = { result, failOn: config.failOn, model, configFailed: false };
  if (inspection.image) out.image = inspection.image;
  return out;
}

/**
 * Parses the Containerfile with the registered DF source into the same model (so
 * its own rules run too) and links the image's layers to its instructions.
 */
async function addContainerfile(model: ScanModel, path: string, errors: ScanError[]): Promise<void> {
  const source = sources.find((s) => s.input === 'DF');
  if (!source) {
    errors.push({ file: path, message: 'no Containerfile parser is available in this build, so layers cannot be linked to instructions', code: 'unknown-input' });
    return;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    errors.push({ file: path, message: `cannot read the Containerfile: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, code: 'read' });
    return;
  }
  const src = sourceFile(path, text);
  model.files.set(path, src);
  const before = model.builds.length;
  source.parse(src, model, errors);
  const build = model.builds[before];
  if (build) for (const image of model.images) linkLayersToBuild(image, build);
}
