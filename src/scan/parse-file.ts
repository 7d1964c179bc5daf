/**
 * Parses one file whose source is known into the model, within its time budget. A
 * failure in one file never stops the others. build-model.ts detects the source
 * among all loaded sources; a scan detects it by kind and loads only that source's
 * parser (sources/source-kinds.ts).
 */
import type { ScanError } from '../model/finding.js';
import type { ScanModel } from '../model/scan-model.js';
import { SourceError, type SourceDefinition } from '../sources/source.js';
import { sourceFile } from '../sources/source-file.js';
import type { InputFile } from './build-model.js';
import { DEFAULT_FILE_TIME_MS, endFileBudget, FileBudgetError, startFileBudget } from './file-budget.js';

/**
 * Parses one file with `source` (undefined when no source knows it) into the model;
 * returns false when no source knows it. Reading it may take `timeLimitMs` (see
 * file-budget.ts): past that, what it added is dropped and one error located where
 * the work was stands for it.
 */
export function parseWith(source: SourceDefinition | undefined, file: InputFile, model: ScanModel, errors: ScanError[], timeLimitMs = DEFAULT_FILE_TIME_MS): boolean {
  if (!source) {
    if (file.explicit) errors.push({ file: file.path, message: 'not a file seaworthy knows how to read (Containerfile, Kubernetes manifest, …)', code: 'unknown-input' });
    return false;
  }
  const src = sourceFile(file.path, file.text);
  model.files.set(file.path, src);
  const mark = marks(model, errors);
  startFileBudget(timeLimitMs);
  try {
    source.parse(src, model, errors);
  } catch (error) {
    // A parser bug must not take the whole scan down: report it against the file.
    if (error instanceof FileBudgetError) {
      // Reported below, once.
    } else if (error instanceof SourceError) {
      errors.push({ file: file.path, ...(error.line !== undefined && { line: error.line }), ...(error.column !== undefined && { column: error.column }), message: error.message, code: error.code });
    } else {
      errors.push({ file: file.path, message: `internal error while reading this ${source.id} file: ${(error as Error)?.message ?? String(error)}`, code: 'internal' });
    }
  }
  const over = endFileBudget();
  if (over) overBudget(file.path, src, over, mark, model, errors);
  return true;
}

/** How long each list of the model (and the errors) was before a file was read. */
type Marks = { errors: number; warnings: number; workloads: number; builds: number; images: number; kubeObjects: number; imageRefs: number; annotationSuppressions: number };

function marks(model: ScanModel, errors: ScanError[]): Marks {
  return {
    errors: errors.length,
    warnings: model.warnings.length,
    workloads: model.workloads.length,
    builds: model.builds.length,
    images: model.images.length,
    kubeObjects: model.kubeObjects.length,
    imageRefs: model.imageRefs.length,
    annotationSuppressions: model.annotationSuppressions.length,
  };
}

/**
 * A file over its time budget is not judged on the part that was read (a finding
 * from half a file is as misleading as a clean report): sources only append to the
 * model, so cutting each list back to its length before the file removes the file.
 */
function overBudget(path: string, src: ReturnType<typeof sourceFile>, over: FileBudgetError, mark: Marks, model: ScanModel, errors: ScanError[]): void {
  errors.length = mark.errors;
  model.warnings.length = mark.warnings;
  model.workloads.length = mark.workloads;
  model.builds.length = mark.builds;
  model.images.length = mark.images;
  model.kubeObjects.length = mark.kubeObjects;
  model.imageRefs.length = mark.imageRefs;
  model.annotationSuppressions.length = mark.annotationSuppressions;
  const at = over.offset !== undefined ? src.lines.position(Math.min(over.offset, src.text.length)) : undefined;
  const line = at?.line ?? over.line;
  const column = at?.column;
  errors.push({ file: path, ...(line !== undefined && { line }), ...(column !== undefined && { column }), message: over.message, code: over.code });
}
