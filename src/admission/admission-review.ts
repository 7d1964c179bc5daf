/**
 * The `admission.k8s.io/v1` AdmissionReview as the API server sends it and expects it
 * back: the parts seaworthy reads and writes, and a check that a body is one.
 */

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface AdmissionRequest {
  uid: string;
  kind: GroupVersionKind;
  resource?: { group: string; version: string; resource: string };
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  userInfo?: { username?: string };
  object?: unknown;
  oldObject?: unknown;
  dryRun?: boolean;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; reason?: string; message: string };
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
  patchType?: 'JSONPatch';
  /** Base64 of the JSONPatch document. */
  patch?: string;
}

export interface AdmissionReview {
  apiVersion: 'admission.k8s.io/v1';
  kind: 'AdmissionReview';
  request?: AdmissionRequest;
  response?: AdmissionResponse;
}

export const REVIEW_API_VERSION = 'admission.k8s.io/v1';

/** Why a body is not a review the webhook can answer (answered with HTTP 400). */
export class ReviewError extends Error {}

/**
 * Checks the shape of a decoded body and returns its request.
 *
 * @example
 * const request = readReview(JSON.parse(body)); // throws ReviewError when it is not one
 */
export function readReview(body: unknown): AdmissionRequest {
  if (!isRecord(body)) throw new ReviewError('the body is not a JSON object');
  if (body['kind'] !== 'AdmissionReview') throw new ReviewError(`expected kind AdmissionReview, found ${JSON.stringify(body['kind'])}`);
  if (body['apiVersion'] !== REVIEW_API_VERSION) throw new ReviewError(`expected apiVersion ${REVIEW_API_VERSION}, found ${JSON.stringify(body['apiVersion'])}`);
  const request = body['request'];
  if (!isRecord(request)) throw new ReviewError('the review has no request');
  if (typeof request['uid'] !== 'string' || !request['uid']) throw new ReviewError('the request has no uid');
  const kind = request['kind'];
  if (!isRecord(kind) || typeof kind['kind'] !== 'string') throw new ReviewError('the request has no kind');
  if (typeof request['operation'] !== 'string') throw new ReviewError('the request has no operation');
  return request as unknown as AdmissionRequest;
}

/** Wraps a response in the review envelope the API server expects. */
export function reviewResponse(response: AdmissionResponse): AdmissionReview {
  return { apiVersion: REVIEW_API_VERSION, kind: 'AdmissionReview', response };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
