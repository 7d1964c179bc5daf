/**
 * seaworthy as a library.
 *
 * @example
 * import { scan, formatJson } from 'seaworthy';
 * const result = await scan(['deploy/']);
 * for (const f of result.findings) console.log(f.ruleId, f.location.file, f.location.startLine);
 */
export { scanPaths as scan, checkModel, DEFAULT_SETTINGS, type ScanOptions, type ScanOutput } from './scan/scan.js';
export { buildModel, type InputFile } from './scan/build-model.js';
export { rules } from './rules/index.js';
export { sources } from './sources/index.js';
export { defineRule, type RuleDefinition, type RuleContext, type RuleSettings, type Report } from './rules/rule.js';
export type { Finding, ScanError } from './model/finding.js';
export type { Location, Located } from './model/location.js';
export type { ContainerSpec, Mount, PortSpec, EnvVar } from './model/container-spec.js';
export type { Workload } from './model/workload.js';
export type { BuildSpec, Stage, Instruction } from './model/build-spec.js';
export type { KubeObject } from './model/kube-object.js';
export type { ScanModel } from './model/scan-model.js';
export type { Severity } from './model/severity.js';
export type { InputKind } from './model/input-kind.js';
export { formatJson } from './report/format-json.js';
export { formatSarif } from './report/format-sarif.js';
export { formatText } from './report/format-text.js';
export type { ScanResult } from './report/scan-result.js';
export { analyzeImage, inspectImage, addImageToModel, type AnalyzeImageOptions, type ImageInspection } from './sources/image/analyze-image.js';
export { loadImage, type LoadImageOptions } from './sources/image/load-image.js';
export type { LoadedImage, LayerDescriptor } from './sources/image/loaded-image.js';
export { DEFAULT_LIMITS, type ImageLimits } from './sources/image/limits.js';
export { runImageScan, type RunImageScanOptions } from './scan/run-image-scan.js';
export { writeSbom, formatCycloneDx } from './sbom/cyclonedx.js';
export { applyOperations, podSpecOperations, toJsonPatch, POD_SPEC_DEFAULTS, type EditOperation, type JsonPatchOperation, type PodDefaultsOptions } from './edits/index.js';
export type { ImageSpec, ImageLayer, LayerFile, OsPackage } from './model/image-spec.js';
export { scanImageVulnerabilities, findVulnerabilities, inventoryErrors, type VulnerabilityOptions, type VexCleared } from './scan/image-vulnerabilities.js';
export { AdvisoryDatabase, databaseDir, RecordSet, writeDatabase, type DbMeta } from './advisories/advisory-db.js';
export { AdvisoryIndex, matchInventory, type AdvisoryLookup, type Inventory } from './advisories/match-inventory.js';
export { updateDatabase } from './advisories/db-update.js';
export { importPaths } from './advisories/import-osv.js';
export { compareDpkg, compareRpm, compareApk } from './advisories/compare-version.js';
export { readVex, type VexStatement } from './advisories/vex.js';
export type { OsvRecord } from './advisories/osv.js';
export type { PackageVulnerability } from './model/vulnerability.js';
