/**
 * The image pipeline: load → analyse layers (streamed, two at a time) → final
 * view → ImageSpec, plus the image's config as a Workload with one container and
 * its reference as an image use, so shared rules (secret-in-env, run-as-root,
 * user-not-numeric, untrusted-registry) judge images without special cases.
 */
import { cpus } from 'node:os';
import { emptyContainer, type EnvVar, type PortSpec } from '../../model/container-spec.js';
import type { ScanError } from '../../model/finding.js';
import type { ImageSpec, OsPackage } from '../../model/image-spec.js';
import { located } from '../../model/location.js';
import type { ResourceRef } from '../../model/resource.js';
import { emptyModel, type ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { analyzeLayer, type LayerAnalysis } from './analyze-layer.js';
import type { InventoryFacts } from './inventory.js';
import { applyLayers } from './final-view.js';
import { specFromConfig } from './image-spec-builder.js';
import { ExpansionBudget, withDefaults } from './limits.js';
import { loadImage, type LoadImageOptions } from './load-image.js';

export interface AnalyzeImageOptions extends LoadImageOptions {
  /** Layers analysed at once (default: 2, or fewer cores). */
  concurrency?: number;
}

export interface ImageInspection {
  image?: ImageSpec;
  /** `registry/repo:tag` when the transport tells one. */
  registryName?: string;
  errors: ScanError[];
}

/**
 * Reads and analyses one image into an ImageSpec. Problems become ScanErrors
 * naming the reference (and layer); what could be read is still returned.
 */
export async function inspectImage(ref: string, options: AnalyzeImageOptions = {}): Promise<ImageInspection> {
  const errors: ScanError[] = [];
  let loaded;
  try {
    loaded = await loadImage(ref, options);
  } catch (e) {
    errors.push({ file: ref, line: 1, column: 1, message: (e as Error).message, code: 'image' });
    return { errors };
  }
  try {
    const spec = specFromConfig(loaded);
    const limits = withDefaults(options.limits);
    const budget = new ExpansionBudget(limits.maxImageBytes);
    const analyses: (LayerAnalysis | undefined)[] = new Array(spec.layers.length);
    const concurrency = Math.max(1, options.concurrency ?? Math.min(2, cpus().length));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < spec.layers.length) {
        const i = next++;
        const desc = loaded.layers[i]!;
        const layer = spec.layers[i]!;
        try {
          const blob = await loaded.openLayer(i);
          const verify = desc.digestIsDiffId ? { uncompressedDigest: desc.digest } : { digest: desc.digest };
          const a = await analyzeLayer(blob, { layerIndex: i, limits, budget, ...verify });
          analyses[i] = a;
          Object.assign(layer, { files: a.files, whiteouts: a.whiteouts, entryCount: a.entryCount, expandedBytes: a.expandedBytes });
          for (const w of a.warnings) errors.push({ file: ref, line: 1, column: 1, message: `layer ${i} (${desc.digest}): ${w}`, code: 'image-layer' });
        } catch (e) {
          layer.error = (e as Error).message;
          errors.push({ file: ref, line: 1, column: 1, message: `layer ${i} (${desc.digest}) could not be read: ${layer.error}`, code: 'image-layer' });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, spec.layers.length) }, worker));
    spec.finalFiles = applyLayers(spec.layers, analyses.map((a) => ({ written: a?.written ?? new Set<string>() })));
    collectInventory(spec, analyses);
    const out: ImageInspection = { image: spec, errors };
    if (loaded.registryName) out.registryName = loaded.registryName;
    return out;
  } finally {
    await loaded.close();
  }
}

/**
 * Reads and analyses an image into a scan model ready for the rules.
 *
 * @example
 * const { model, errors } = await analyzeImage('oci:./layout:v1');
 * const findings = runRules(model, { rules, settings });
 */
export async function analyzeImage(ref: string, options: AnalyzeImageOptions = {}): Promise<{ model: ScanModel; errors: ScanError[] }> {
  const model = emptyModel();
  const inspection = await inspectImage(ref, options);
  if (inspection.image) addImageToModel(model, inspection.image, inspection.registryName);
  return { model, errors: inspection.errors };
}

/** Adds an analysed image to a model: the ImageSpec, its config as a workload, its name as an image use. */
export function addImageToModel(model: ScanModel, image: ImageSpec, registryName?: string): void {
  model.images.push(image);
  const loc = image.loc;
  const resource: ResourceRef = { kind: 'Image', name: image.ref, image: image.ref };
  const workload: Workload = { input: 'IMG', file: image.ref, loc, kind: 'Image', name: image.ref, labels: { ...image.config.labels }, annotations: {}, containers: [] };
  const container = emptyContainer('IMG', loc, resource, workload);
  container.image = located(registryName ?? image.ref, loc);
  if (image.config.user) container.user = located(image.config.user, loc);
  container.env = image.config.env.map((entry): EnvVar => {
    const eq = entry.indexOf('=');
    const name = eq === -1 ? entry : entry.slice(0, eq);
    const env: EnvVar = { loc, name: located(name, loc) };
    if (eq !== -1) env.value = located(entry.slice(eq + 1), loc);
    return env;
  });
  container.ports = image.config.exposedPorts.map((p): PortSpec => {
    const [num, protocol] = p.split('/');
    const port: PortSpec = { loc };
    if (num && /^\d+$/.test(num)) port.containerPort = located(Number(num), loc);
    if (protocol) port.protocol = protocol;
    return port;
  });
  workload.containers.push(container);
  model.workloads.push(workload);
  // Only a name that says where the image comes from can be judged by registry rules;
  // a local layout's tag (`oci:dir:v1`) says nothing about a registry.
  if (registryName) model.imageRefs.push({ input: 'IMG', ref: located(registryName, loc), resource, role: 'container' });
}

/**
 * Package databases and os-release as the final filesystem has them, and for each
 * package the layer whose database first listed it at its final version (a later
 * layer's `apt-get upgrade` moves it there; a layer that only rewrites the
 * database around it does not).
 */
function collectInventory(spec: ImageSpec, analyses: readonly (LayerAnalysis | undefined)[]): void {
  const latest = new Map<string, InventoryFacts & { layer: number }>();
  const firstSeen = new Map<string, { version: string; layer: number }>();
  analyses.forEach((a, layer) => {
    if (!a) return;
    let changed = a.inventory.size > 0;
    for (const w of spec.layers[layer]!.whiteouts) {
      for (const path of latest.keys()) {
        if (path === w.path || path.startsWith(w.path === '/' ? '/' : `${w.path}/`)) {
          latest.delete(path);
          changed = true;
        }
      }
    }
    for (const [path, facts] of a.inventory) latest.set(path, { layer, ...facts });
    if (!changed) return;
    const present = new Set<string>();
    for (const entry of latest.values()) {
      for (const pkg of entry.packages ?? []) {
        const key = packageKey(pkg);
        present.add(key);
        if (firstSeen.get(key)?.version !== pkg.version) firstSeen.set(key, { version: pkg.version, layer });
      }
    }
    for (const key of firstSeen.keys()) if (!present.has(key)) firstSeen.delete(key);
  });
  const os = latest.get('/etc/os-release')?.os ?? latest.get('/usr/lib/os-release')?.os;
  const alpine = latest.get('/etc/alpine-release')?.alpineRelease ?? latest.get('/etc/apk/repositories')?.alpineRelease;
  if (alpine && (!os || os.id === 'alpine')) spec.os = { id: 'alpine', versionId: alpine };
  else if (os) spec.os = os;
  // One push per package: spreading a 250k-package dpkg database overflowed the stack.
  for (const entry of latest.values()) {
    if (entry.error) (spec.inventoryGaps ??= []).push(entry.error);
    for (const pkg of entry.packages ?? []) {
      const seen = firstSeen.get(packageKey(pkg));
      spec.packages.push(seen ? { ...pkg, layerIndex: seen.layer } : pkg);
    }
  }
}

function packageKey(pkg: OsPackage): string {
  return `${pkg.type}\u0000${pkg.name}\u0000${pkg.arch ?? ''}`;
}
