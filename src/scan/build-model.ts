/**
 * Parses a set of in-memory files into one ScanModel: detect each file's source,
 * parse it, collect errors. A failure in one file never stops the others.
 */
import type { ScanError } from '../model/finding.js';
import { emptyModel, type ScanModel } from '../model/scan-model.js';
import type { SourceDefinition } from '../sources/source.js';
import { detectSource } from './detect-source.js';
import { DEFAULT_FILE_TIME_MS } from './file-budget.js';
import { parseWith } from './parse-file.js';

export interface InputFile {
  path: string;
  text: string;
  /** Set when the user named the file: an unknown kind is then reported. */
  explicit?: boolean;
  /** Forces a source (tests, `--input-kind`). */
  source?: SourceDefinition;
}

export function buildModel(files: readonly InputFile[], model: ScanModel = emptyModel(), errors: ScanError[] = [], timeLimitMs = DEFAULT_FILE_TIME_MS): { model: ScanModel; errors: ScanError[] } {
  for (const file of files) parseInto(file, model, errors, timeLimitMs);
  return { model, errors };
}

/**
 * Parses one file into the model, its source detected among all sources; returns
 * false when no source knows it (see parse-file.ts).
 */
export function parseInto(file: InputFile, model: ScanModel, errors: ScanError[], timeLimitMs = DEFAULT_FILE_TIME_MS): boolean {
  return parseWith(file.source ?? detectSource(file.path, file.text), file, model, errors, timeLimitMs);
}
