/**
 * How a Kubernetes manifest is recognised, apart from its parser
 * (kubernetes-source.ts), so that detection loads no YAML reader (see source-kinds.ts).
 */
import type { SourceKind } from '../source.js';

/** The annotation that suppresses rules for one object. */
export const IGNORE_ANNOTATION = 'seaworthy.io/ignore';

const YAML_NAME = /\.(ya?ml|json)$/i;
// Cheap content sniff: a top-level `kind:` and `apiVersion:` (YAML or JSON).
const KIND_LINE = /^(?:\s*"kind"\s*:|kind\s*:)/m;
const API_LINE = /^(?:\s*"apiVersion"\s*:|apiVersion\s*:)/m;
// Compact JSON (an API response, `kubectl get -o json | jq -c`) puts everything on one line.
export const JSON_START = /^\s*\{/;
const JSON_KIND = /"kind"\s*:/;
const JSON_API = /"apiVersion"\s*:/;

export const kubernetesKind: SourceKind = {
  id: 'kubernetes',
  input: 'K8S',
  matchesName: () => false,
  mayContain: (path) => YAML_NAME.test(path),
  matchesContent: (text, path) =>
    (YAML_NAME.test(path) || path === '<stdin>' || !/\.[^/]*$/.test(path)) &&
    ((KIND_LINE.test(text) && API_LINE.test(text)) || (JSON_START.test(text) && JSON_KIND.test(text) && JSON_API.test(text))),
};
