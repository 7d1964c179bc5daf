/**
 * AdmissionReviews for the admission tests: a hardened pod spec that passes every rule
 * judged at admission, a privileged one, and the review envelope around an object.
 */
import type { AdmissionRequest } from '../../src/admission/admission-review.js';

export const PINNED_IMAGE = 'registry.example.com/team/app:1.4.2@sha256:4c3a7a0b8f0e1d2c3b4a5968778695a4b3c2d1e0f9e8d7c6b5a4938271605f4e';

/** A pod spec that passes every rule judged at admission (restricted Pod Security too). */
export function hardenedPodSpec(): Record<string, unknown> {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: PINNED_IMAGE,
        imagePullPolicy: 'Always',
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
      },
    ],
  };
}

export function hardenedPod(name = 'web', namespace?: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(namespace && { namespace }) }, spec: hardenedPodSpec() };
}

/** The hardened pod with its one container privileged: one enforce finding (privileged-container, critical). */
export function privilegedPod(name = 'bad', namespace?: string): Record<string, unknown> {
  const pod = hardenedPod(name, namespace) as { spec: { containers: { securityContext: Record<string, unknown> }[] } };
  const sc = pod.spec.containers[0]!.securityContext;
  delete sc['allowPrivilegeEscalation'];
  sc['privileged'] = true;
  return pod as unknown as Record<string, unknown>;
}

export function hardenedDeployment(name = 'web', namespace?: string): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(namespace && { namespace }) },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: hardenedPodSpec() } },
  };
}

let counter = 0;

export function request(object: Record<string, unknown> | undefined, extra: Partial<AdmissionRequest> = {}): AdmissionRequest {
  const kind = typeof object?.['kind'] === 'string' ? (object['kind'] as string) : 'Pod';
  const group = kind === 'Pod' ? '' : 'apps';
  const meta = (object?.['metadata'] ?? {}) as { namespace?: string; name?: string };
  return {
    uid: `uid-${++counter}`,
    kind: { group, version: 'v1', kind },
    resource: { group, version: 'v1', resource: `${kind.toLowerCase()}s` },
    operation: 'CREATE',
    ...(meta.namespace !== undefined && { namespace: meta.namespace }),
    ...(meta.name !== undefined && { name: meta.name }),
    ...(object !== undefined && { object }),
    ...extra,
  };
}

export function review(object: Record<string, unknown> | undefined, extra: Partial<AdmissionRequest> = {}): Record<string, unknown> {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: request(object, extra) };
}
