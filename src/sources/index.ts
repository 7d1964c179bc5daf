/**
 * Every input source, in detection order: a file whose name is decisive goes to
 * that source; otherwise each source's content test is tried in turn.
 */
import { commandLineSource } from './command-line/command-line-source.js';
import { composeSource } from './compose/compose-source.js';
import { quadletSource } from './quadlet/quadlet-source.js';
import type { SourceDefinition } from './source.js';
import { setSourceRegistry } from './source-lookup.js';

export const sources: readonly SourceDefinition[] = [composeSource, commandLineSource, quadletSource];

setSourceRegistry(sources);
