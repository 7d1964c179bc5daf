/**
 * `hostPathVolumes` (baseline, v1.0+): a hostPath volume exposes the node's
 * filesystem to the pod.
 */
import { joinQuote, pluralize } from '../messages.js';
import { asList, asObject, asString, isSet } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { PodView } from '../pod-view.js';

function hostPathVolumesV1Dot0(pod: PodView): CheckFinding | undefined {
  const names: string[] = [];
  const paths: FieldPath[] = [];
  asList(pod.spec['volumes']).forEach((item, index) => {
    const volume = asObject(item);
    if (!volume || !isSet(volume['hostPath'])) return;
    names.push(asString(volume['name']) ?? '');
    paths.push(['volumes', index, 'hostPath']);
  });
  if (names.length === 0) return undefined;
  return {
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`,
    paths,
  };
}

/** The `hostPathVolumes` check. */
export const hostPathVolumes: PodSecurityCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  title: 'HostPath volumes',
  versions: [{ since: 0, check: hostPathVolumesV1Dot0 }],
};
