/**
 * Any Kubernetes object read from the input, kept whole with its position tree, so
 * that later analyses (Namespace labels, NetworkPolicies, ServiceAccounts, Pod
 * Security) can read every field and locate it.
 */
import type { Location } from './location.js';
import type { YamlNode } from '../sources/yaml/yaml-node.js';

export interface KubeObject {
  file: string;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Location of `metadata.name`, or of `kind:` when unnamed. */
  loc: Location;
  /** The object as parsed. */
  value: Record<string, unknown>;
  /** Its position tree. */
  node: YamlNode;
}
