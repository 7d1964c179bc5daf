/**
 * Every input source, in detection order: a file whose name is decisive goes to
 * that source; otherwise each source's content test is tried in turn.
 */
import type { SourceDefinition } from './source.js';
import { dockerfileSource } from './dockerfile/dockerfile-source.js';
import { kubernetesSource } from './kubernetes/kubernetes-source.js';
import { composeSource } from './compose/compose-source.js';
import { quadletSource } from './quadlet/quadlet-source.js';
import { commandLineSource } from './command-line/command-line-source.js';
import { setSourceRegistry } from './source-lookup.js';

export const sources: readonly SourceDefinition[] = [dockerfileSource, kubernetesSource, composeSource, quadletSource, commandLineSource];

// A Quadlet `.kube` unit hands its YAML to the Kubernetes source through this lookup,
// so neither source imports the other.
setSourceRegistry(sources);
