/**
 * `/mutate`: the safe defaults chosen in `admission.mutate`, as a JSONPatch. Until the
 * shared edit model (src/edits/) is in place this admits without a patch.
 */
import type { Config } from '../config/config.js';
import type { AdmissionRequest, AdmissionResponse } from './admission-review.js';

export function createMutator(_config: () => Config): (request: AdmissionRequest) => Promise<AdmissionResponse> {
  return async (request) => ({ uid: request.uid, allowed: true });
}
