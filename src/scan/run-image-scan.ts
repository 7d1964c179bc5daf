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
import { AdvisoryDatabase, databaseDir } from '../advisories/advisory-db.js';
import { readVex, type VexStatement } from '../advisories/vex.js';
import type { Severity } from '../model/severity.js';
import { findVulnerabilities, inventoryErrors } from './image-vulnerabilities.js';
import { requiredVerdict, type VerifyRequest } from '../signatures/required-verdict.js';
import type { SignatureVerdict } from '../signatures/signature-types.js';

/** A database older than this (days) earns a warning: OSV's Debian data changes daily. */
export const DEFAULT_MAX_DB_AGE_DAYS = 7;

export interface RunImageScanOptions extends AnalyzeImageOptions {
  /** `--config`; otherwise `.seaworthy.yaml` is looked up from the working directory upwards. */
  configPath?: string;
  overrides?: ScanOverrides;
  today?: Date;
  toolVersion?: string;
  /** The Containerfile the image was built from: its lines are linked to layers and it is checked too. */
  containerfile?: string;
  /** Trivy's scanner names: which kinds of image rules run (default misconfig and secret). */
  scanners?: readonly Scanner[];
  /** For the `vuln` scanner: the local advisory database and what to leave out. */
  vuln?: {
    dbDir: string;
    ignoreUnfixed?: boolean;
    /** Warn when the database was built longer ago than this (days). */
    maxAgeDays?: number;
    /** VEX files (CycloneDX or OpenVEX). */
    vex?: string[];
  };
  /** Report only findings of these severities. */
  severities?: readonly Severity[];
  /** Signature verification asked for on the command line (`--verify`, `--key`…); see src/signatures. */
  signatures?: VerifyRequest;
}

export const SCANNERS = ['misconfig', 'secret', 'vuln'] as const;
export type Scanner = (typeof SCANNERS)[number];
export const DEFAULT_SCANNERS: readonly Scanner[] = ['misconfig', 'secret'];

/** Which scanner a rule belongs to: the advisory rule, the secret rules, the rest. */
export function scannerOf(ruleId: string): Scanner {
  if (ruleId === 'vulnerable-package') return 'vuln';
  return ruleId.startsWith('secret-') ? 'secret' : 'misconfig';
}

/**
 * Scans one image reference.
 *
 * @example
 * const { result, failOn } = await runImageScan('oci-archive:app.tar:v1');
 */
export async function runImageScan(ref: string, options: RunImageScanOptions = {}): Promise<RunScanResult & { image?: ImageSpec; notices: string[]; signature?: SignatureVerdict }> {
  const loaded = loadConfig(options.configPath, process.cwd(), fullCatalogue.map((r) => r.id));
  const scanners = new Set(options.scanners ?? DEFAULT_SCANNERS);
  // `--rule` names rules outright; otherwise the scanners scope the configured selection.
  const scope = fullCatalogue.filter((r) => scanners.has(scannerOf(r.id))).map((r) => r.id);
  const overrides: ScanOverrides = { ...options.overrides, scope };
  const config = applyOverrides(loaded.config, overrides);
  const notices: string[] = [];
  const toolVersion = options.toolVersion ?? '0.0.0';
  const model = emptyModel();
  if (loaded.errors.length) {
    return { result: { findings: [], errors: loaded.errors, rules: fullCatalogue, scanned: { files: 0 }, toolVersion }, failOn: config.failOn, model, configFailed: true, notices };
  }
  const runsVuln = overrides.only?.length ? overrides.only.includes('vulnerable-package') : scanners.has('vuln') && config.rules['vulnerable-package']?.enabled !== false;
  // Open the database before reading the image: a missing one is the user's first thing to fix.
  let db: AdvisoryDatabase | undefined;
  let vex: VexStatement[] = [];
  if (runsVuln) {
    const dbDir = options.vuln?.dbDir ?? databaseDir();
    db = AdvisoryDatabase.open(dbDir);
    const age = db.ageDays();
    const maxAge = options.vuln?.maxAgeDays ?? DEFAULT_MAX_DB_AGE_DAYS;
    if (age > maxAge) notices.push(`the advisory database in ${dbDir} was built ${Math.floor(age)} days ago (more than ${maxAge}): run 'seaworthy db update' (scans never download on their own)`);
    vex = (options.vuln?.vex ?? []).flatMap((f) => readVex(f));
  }
  // The flag wins over the configuration; neither ever sends credentials to a foreign realm.
  const foreignRealm = options.foreignRealm ?? config.foreignRealm;
  const inspection = await inspectImage(ref, { ...options, ...(foreignRealm !== undefined && { foreignRealm }) });
  try {
    if (inspection.image) {
      addImageToModel(model, inspection.image, inspection.registryName);
      if (db) {
        inspection.errors.push(...inventoryErrors(inspection.image));
        const { vexCleared } = findVulnerabilities(inspection.image, { advisories: db, ignoreUnfixed: options.vuln?.ignoreUnfixed ?? false, vex });
        for (const c of vexCleared) notices.push(`${c.advisoryId} on ${c.package}: ${c.status} per ${c.source}${c.justification ? ` (${c.justification})` : ''}`);
      }
    }
  } finally {
    db?.close();
  }
  // Signatures (src/signatures): only when --verify or `signatures:` requires this image.
  const signature = inspection.image && (!overrides.only || overrides.only.includes('image-not-signed')) && config.rules['image-not-signed']?.enabled !== false ? await requiredVerdict(ref, config, options.signatures ?? {}, options) : undefined;
  if (signature) inspection.image!.signature = signature;
  if (options.containerfile !== undefined) await addContainerfile(model, options.containerfile, inspection.errors);
  const { result } = finishScan(model, inspection.errors, inspection.image ? 1 : 0, config, { ...options, overrides, configFile: loaded.file });
  if (options.severities?.length) {
    const keep = new Set(options.severities);
    result.findings = result.findings.filter((f) => keep.has(f.severity));
  }
  const out: RunScanResult & { image?: ImageSpec; notices: string[]; signature?: SignatureVerdict } = { result, failOn: config.failOn, model, configFailed: false, notices };
  if (signature) out.signature = signature;
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
