/**
 * Parses a set of in-memory files into one ScanModel: detect each file's source,
 * parse it, collect errors. A failure in one file never stops the others.
 */
import type { ScanError } from '../model/finding.js';
import { emptyModel, type ScanModel } from '../model/scan-model.js';
import { SourceError, type SourceDefinition } from '../sources/source.js';
import { sourceFile } from '../sources/source-file.js';
import { detectSource } from './detect-source.js';

export interface InputFile {
  path: string;
  text: string;
  /** Set when the user named the file: an unknown kind is then reported. */
  explicit?: boolean;
  /** Forces a source (tests, `--input-kind`). */
  source?: SourceDefinition;
}

export function buildModel(files: readonly InputFile[], model: ScanModel = emptyModel(), errors: ScanError[] = []): { model: ScanModel; errors: ScanError[] } {
  for (const file of files) parseInto(file, model, errors);
  return { model, errors };
}

/** Parses one file into the model; returns false when no source knows it. */
export function parseInto(file: InputFile, model: ScanModel, errors: ScanError[]): boolean {
  const source = file.source ?? detectSource(file.path, file.text);
  if (!source) {
    if (file.explicit) errors.push({ file: file.path, message: 'not a file seaworthy knows how to read (Containerfile, Kubernetes manifest, …)', code: 'unknown-input' });
    return false;
  }
  const src = sourceFile(file.path, file.text);
  model.files.set(file.path, src);
  try {
    source.parse(src, model, errors);
  } catch (error) {
    // A parser bug must not take the whole scan down: report it against the file.
    if (error instanceof SourceError) {
      errors.push({ file: file.path, ...(error.line !== undefined && { line: error.line }), ...(error.column !== undefined && { column: error.column }), message: error.message, code: error.code });
    } else {
      errors.push({ file: file.path, message: `internal error while reading this ${source.id} file: ${(error as Error)?.message ?? String(error)}`, code: 'internal' });
    }
  }
  return true;
}
