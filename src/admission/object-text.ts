/** The object printer lives with the Kubernetes source, which `cluster` shares; re-exported for the webhook. */
export { fieldPath, objectText, ownerPointer, type ObjectText } from '../sources/kubernetes/object-text.js';
