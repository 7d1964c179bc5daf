/**
 * The `/proc` mask test shared by `procMount` and `procMount_restricted`: only the
 * runtime's default masking (`Default`, or no value) hides the host's kernel
 * interfaces under /proc from the container.
 */
import { containersPhrase, joinQuote, sortedUnique } from '../messages.js';
import { isSet } from '../pod-view.js';
import type { CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

/** Denies any container whose `procMount` is set to something other than `Default`. */
export function requireDefaultProcMount(pod: PodView): CheckFinding | undefined {
  const badContainers: string[] = [];
  const badTypes: string[] = [];
  const paths: FieldPath[] = [];
  for (const c of pod.containers()) {
    const procMount = c.securityContext?.['procMount'];
    if (!isSet(procMount) || procMount === 'Default') continue;
    badContainers.push(c.name);
    badTypes.push(String(procMount));
    paths.push([...c.path, 'securityContext', 'procMount']);
  }
  if (badContainers.length === 0) return undefined;
  return {
    reason: 'procMount',
    detail: `${containersPhrase(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedUnique(badTypes))}`,
    paths,
  };
}
