/**
 * `restrictedVolumes` (restricted, v1.0+): beyond forbidding hostPath, the
 * restricted level allows only the volume types whose storage is either the
 * pod's own (emptyDir, configMap, secret, downwardAPI, projected, a read-only OCI
 * `image`) or managed through PersistentVolumes and CSI, where cluster policy can
 * govern it. It replaces `hostPathVolumes` at this level.
 */
import { joinQuote, pluralize, sortedUnique } from '../messages.js';
import { asList, asObject, asString, isSet } from '../pod-view.js';
import type { PodSecurityCheck, CheckFinding, FieldPath } from '../types.js';
import type { JsonObject, PodView } from '../pod-view.js';

// `image` was added to upstream's v1.0 implementation in place: it is read-only
// content the kubelet pulls like any container image.
const ALLOWED_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image'];

/** Every volume source field of the core API's VolumeSource. */
const ALL_SOURCES = [
  ...ALLOWED_SOURCES,
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs',
  'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte',
  'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

/**
 * The sources a volume sets. A volume that sets none is an emptyDir: the API server
 * defaults it so before admission runs (fields it does not know are dropped when
 * it decodes the object, so they do not count either).
 */
function sourcesOf(volume: JsonObject): string[] {
  const set = ALL_SOURCES.filter((source) => isSet(volume[source]));
  return set.length > 0 ? set : ['emptyDir'];
}

function restrictedVolumesV1Dot0(pod: PodView): CheckFinding | undefined {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  const paths: FieldPath[] = [];
  asList(pod.spec['volumes']).forEach((item, index) => {
    const volume = asObject(item);
    if (!volume) return;
    const sources = sourcesOf(volume);
    // Upstream's switch takes the first allowed source it finds; API validation
    // rejects a volume with two sources anyway.
    if (sources.some((source) => ALLOWED_SOURCES.includes(source))) return;
    badVolumes.push(asString(volume['name']) ?? '');
    for (const source of sources) {
      badTypes.push(source);
      paths.push(['volumes', index, source]);
    }
  });
  if (badVolumes.length === 0) return undefined;
  const types = sortedUnique(badTypes);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize('uses', 'use', badVolumes.length)} ${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
    paths,
  };
}

/** The `restrictedVolumes` check. */
export const restrictedVolumes: PodSecurityCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  title: 'Volume types',
  versions: [{ since: 0, check: restrictedVolumesV1Dot0, supersedes: ['hostPathVolumes'] }],
};
