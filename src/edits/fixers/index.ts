/** Fixers by source id (the id of the source that read the file). */
import type { Fixer } from './fixer.js';
import { fixCompose } from './compose-fixer.js';
import { fixContainerfile } from './containerfile-fixer.js';
import { fixQuadlet } from './quadlet-fixer.js';
import { fixRunLines } from './run-line-fixer.js';
import { fixKubernetes } from './kubernetes-fixer.js';

export const FIXERS: Readonly<Record<string, Fixer>> = {
  kubernetes: fixKubernetes,
  compose: fixCompose,
  quadlet: fixQuadlet,
  'command-line': fixRunLines,
  dockerfile: fixContainerfile,
};
