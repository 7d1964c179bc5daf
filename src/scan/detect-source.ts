/**
 * Picks the source for a file: by name first (a `Dockerfile` is a Dockerfile
 * whatever it holds), then by content.
 */
import { sources } from '../sources/index.js';
import type { SourceDefinition } from '../sources/source.js';

export function detectSource(path: string, text: string): SourceDefinition | undefined {
  return sources.find((s) => s.matchesName(path)) ?? sources.find((s) => s.matchesContent(text, path));
}

/** True when the name alone picks a source (so the file is read even if its content is odd). */
export function sourceByName(path: string): SourceDefinition | undefined {
  return sources.find((s) => s.matchesName(path));
}
