/**
 * pod-security-restricted: the Kubernetes Pod Security Standard "restricted", with
 * Pod Security Admission's verdicts (see src/pod-security/).
 */
import { podSecurityRule } from './support/pod-security-rule.js';

export default podSecurityRule('restricted');
