/** Fixers by source id (the id of the source that read the file). */
import type { Fixer } from './fixer.js';
import { fixCompose } from './compose-fixer.js';
import { fixKubernetes } from './kubernetes-fixer.js';

export const FIXERS: Readonly<Record<string, Fixer>> = {
  kubernetes: fixKubernetes,
  compose: fixCompose,
};
