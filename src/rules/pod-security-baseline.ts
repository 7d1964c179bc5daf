/**
 * pod-security-baseline: the Kubernetes Pod Security Standard "baseline", with
 * Pod Security Admission's verdicts (see src/pod-security/).
 */
import { podSecurityRule } from './support/pod-security-rule.js';

export default podSecurityRule('baseline');
