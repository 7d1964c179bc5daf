/**
 * Where each Kubernetes workload kind keeps its pod template. Normalised once here
 * so that no rule ever asks whether it looks at a Deployment or a CronJob.
 */

/** Path from the object root to the pod template (`metadata` + `spec`). */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  PodTemplate: ['template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export function isWorkloadKind(kind: string): boolean {
  return Object.hasOwn(POD_TEMPLATE_PATHS, kind);
}

/** `List`, `PodList`, `DeploymentList`…: objects that hold `items`. */
export function isListKind(kind: string): boolean {
  return kind === 'List' || kind.endsWith('List');
}

/** The kind of a typed list's items (`PodList` → `Pod`); `undefined` for the untyped `List`. */
export function listItemKind(listKind: string): string | undefined {
  return listKind !== 'List' && listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : undefined;
}
