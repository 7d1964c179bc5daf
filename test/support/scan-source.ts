/**
 * Test helpers for sources: parse a text with one source, and print locations as
 * `line:col-line:col` so expectations stay readable.
 */
import type { ContainerSpec } from '../../src/model/container-spec.js';
import type { ScanError } from '../../src/model/finding.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel, type ScanModel } from '../../src/model/scan-model.js';
import type { SourceDefinition } from '../../src/sources/source.js';
import { sourceFile } from '../../src/sources/source-file.js';

/** `3:5-3:12`, or `file@3:5-3:12` with `withFile`. */
export function at(loc: Location | undefined, withFile = false): string {
  if (!loc) return 'none';
  const pos = `${loc.startLine}:${loc.startColumn}-${loc.endLine}:${loc.endColumn}`;
  return withFile ? `${loc.file}@${pos}` : pos;
}

export interface Scanned {
  model: ScanModel;
  errors: ScanError[];
  /** The model's warnings (unknown flags, absent references…). */
  warnings: ScanError[];
  containers: ContainerSpec[];
}

/** Parses `text` as `path` with `source` into a fresh model. */
export function scanText(source: SourceDefinition, path: string, text: string, model: ScanModel = emptyModel()): Scanned {
  const errors: ScanError[] = [];
  const src = sourceFile(path, text);
  model.files.set(path, src);
  source.parse(src, model, errors);
  return { model, errors, warnings: model.warnings, containers: model.workloads.flatMap((w) => w.containers) };
}
