/**
 * `seLinuxOptions` (baseline): a pod may pick one of the SELinux types made for
 * containers, never a custom SELinux user or role, which could escape the
 * container's confinement. v1.31 added `container_engine_t` (for a container
 * engine running inside a container) to the allowed types.
 */
import { containersPhrase, joinQuote, pluralize, sortedUnique } from '../messages.js';
import { asObject, asString } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, CheckPodFn, FieldPath } from '../types.js';
import type { JsonObject, PodView } from '../pod-view.js';

const ALLOWED_TYPES_V1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const ALLOWED_TYPES_V1_31 = new Set([...ALLOWED_TYPES_V1_0, 'container_engine_t']);

function seLinuxOptionsWith(allowedTypes: ReadonlySet<string>): CheckPodFn {
  return (pod: PodView): CheckFinding | undefined => {
    const setters: string[] = [];
    const badTypes: string[] = [];
    const paths: FieldPath[] = [];
    let setUser = false;
    let setRole = false;

    /** Judges one `seLinuxOptions`; true when it is fine. */
    const judge = (options: JsonObject, base: FieldPath): boolean => {
      let valid = true;
      const type = asString(options['type']) ?? '';
      if (!allowedTypes.has(type)) {
        valid = false;
        badTypes.push(type);
        paths.push([...base, 'type']);
      }
      if ((asString(options['user']) ?? '') !== '') {
        valid = false;
        setUser = true;
        paths.push([...base, 'user']);
      }
      if ((asString(options['role']) ?? '') !== '') {
        valid = false;
        setRole = true;
        paths.push([...base, 'role']);
      }
      return valid;
    };

    const podOptions = asObject(pod.securityContext?.['seLinuxOptions']);
    if (podOptions && !judge(podOptions, ['securityContext', 'seLinuxOptions'])) setters.push('pod');
    const badContainers: string[] = [];
    for (const c of pod.containers()) {
      const options = asObject(c.securityContext?.['seLinuxOptions']);
      if (options && !judge(options, [...c.path, 'securityContext', 'seLinuxOptions'])) badContainers.push(c.name);
    }
    if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
    if (setters.length === 0) return undefined;

    const problems: string[] = [];
    const types = sortedUnique(badTypes);
    if (types.length > 0) problems.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) problems.push('user may not be set');
    if (setRole) problems.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`,
      paths,
    };
  };
}

/** The `seLinuxOptions` check. */
export const seLinuxOptions: PodSecurityCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  title: 'SELinux options',
  versions: [
    { since: 0, check: seLinuxOptionsWith(ALLOWED_TYPES_V1_0) },
    { since: 31, check: seLinuxOptionsWith(ALLOWED_TYPES_V1_31) },
  ],
};
