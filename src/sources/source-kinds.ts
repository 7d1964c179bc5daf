/**
 * The sources for a scan that loads only the parsers its inputs need: detection (by
 * name, then by content, in the order of index.ts) uses each source's light `*-kind.ts`
 * module, and a source's parser (with its YAML reader, shell parser…) is imported the
 * first time a file of its kind is read. A Containerfile scan thus loads no YAML.
 * index.ts still has every source loaded, for the library and for callers that
 * detect synchronously.
 */
import type { SourceDefinition, SourceKind } from './source.js';
import { dockerfileKind } from './dockerfile/dockerfile-kind.js';
import { kubernetesKind } from './kubernetes/kubernetes-kind.js';
import { composeKind } from './compose/compose-kind.js';
import { quadletKind } from './quadlet/quadlet-kind.js';
import { commandLineKind } from './command-line/command-line-kind.js';

export interface LazySource extends SourceKind {
  /** The whole source, parser included (imported once). */
  load(): Promise<SourceDefinition>;
}

function lazy(kind: SourceKind, load: () => Promise<SourceDefinition>): LazySource {
  let loaded: Promise<SourceDefinition> | undefined;
  return { ...kind, load: () => (loaded ??= load()) };
}

/** Same order as `sources` in index.ts (a test checks that they agree). */
export const sourceKinds: readonly LazySource[] = [
  lazy(dockerfileKind, async () => (await import('./dockerfile/dockerfile-source.js')).dockerfileSource),
  lazy(kubernetesKind, async () => (await import('./kubernetes/kubernetes-source.js')).kubernetesSource),
  lazy(composeKind, async () => (await import('./compose/compose-source.js')).composeSource),
  // A `.kube` unit hands its Yaml= file to the Kubernetes source through the registry
  // that index.ts fills: a Quadlet unit loads every source.
  lazy(quadletKind, async () => (await import('./index.js')).sources.find((s) => s.id === 'quadlet')!),
  lazy(commandLineKind, async () => (await import('./command-line/command-line-source.js')).commandLineSource),
];

/** The kind of a file: by name first (a `Dockerfile` is a Dockerfile whatever it holds), then by content. */
export function detectKind(path: string, text: string): LazySource | undefined {
  return sourceKinds.find((s) => s.matchesName(path)) ?? sourceKinds.find((s) => s.matchesContent(text, path));
}
