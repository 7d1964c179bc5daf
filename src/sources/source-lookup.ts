/**
 * Finds a registered source by id at parse time, for sources that hand a file to
 * another (a Quadlet `.kube` unit's `Yaml=` to the Kubernetes source) without
 * importing it. `index.ts` fills the registry; importing a source alone (as a test
 * does) leaves it empty, and the hand-over is then skipped.
 */
import type { SourceDefinition } from './source.js';

let registry: readonly SourceDefinition[] = [];

/** Called by `index.ts` with the full source list. */
export function setSourceRegistry(list: readonly SourceDefinition[]): void {
  registry = list;
}

/** The registered source with this id, if any. */
export function sourceById(id: string): SourceDefinition | undefined {
  return registry.find((s) => s.id === id);
}
