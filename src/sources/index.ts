/**
 * Every input source, in detection order: a file whose name is decisive goes to
 * that source; otherwise each source's content test is tried in turn.
 */
import type { SourceDefinition } from './source.js';
import { dockerfileSource } from './dockerfile/dockerfile-source.js';
import { kubernetesSource } from './kubernetes/kubernetes-source.js';

export const sources: readonly SourceDefinition[] = [dockerfileSource, kubernetesSource];
