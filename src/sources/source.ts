/**
 * A source turns one kind of file into model objects. Sources know nothing about
 * rules; adding one makes every existing rule apply to its input.
 */
import type { InputKind } from '../model/input-kind.js';
import type { ScanError } from '../model/finding.js';
import type { ScanModel } from '../model/scan-model.js';
import type { SourceFile } from './source-file.js';

export interface SourceDefinition {
  /** Short name: `dockerfile`, `kubernetes`, `compose`… */
  id: string;
  input: InputKind;
  /** True when the file name alone says the file is of this kind. */
  matchesName(path: string): boolean;
  /**
   * True when a file of this name may be of this kind by content (`*.yaml` for
   * Kubernetes). A directory walk reads only files some source names or may
   * contain, so a repository's other files are never opened.
   */
  mayContain(path: string): boolean;
  /** True when the content says so (checked for files whose name is not decisive). */
  matchesContent(text: string, path: string): boolean;
  /** Parses the file into the model. Problems go to `errors`; what can be read is still added. */
  parse(src: SourceFile, model: ScanModel, errors: ScanError[]): void;
}

/**
 * What detection needs of a source, without its parser: each source's lives in a small
 * module of its own (`*-kind.ts`), so a scan loads the parsers of only the kinds among
 * its inputs (source-kinds.ts).
 */
export type SourceKind = Pick<SourceDefinition, 'id' | 'input' | 'matchesName' | 'mayContain' | 'matchesContent'>;

/** An error a parser raises for a malformed file, with its position. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
    readonly code = 'parse',
  ) {
    super(message);
    this.name = 'SourceError';
  }
}
